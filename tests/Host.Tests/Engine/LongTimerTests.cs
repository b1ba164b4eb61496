using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Sleeps and SleepUntil at the edges of what one timer can hold (4,294,967,294 ms, about 49.7 days) and of the
/// documented limit (365 days): within it they wake exactly on time, past it the call is refused with a readable error.
/// </summary>
public sealed class LongTimerTests
{
    /// <summary>One millisecond more than a <see cref="System.Threading.Timer"/> accepts.</summary>
    private const long PastOneTimerMs = 4_294_967_295;

    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(PastOneTimerMs)]
    [InlineData(50L * 24 * 60 * 60 * 1000)]
    [InlineData(365L * 24 * 60 * 60 * 1000)]
    public async Task A_sleep_up_to_365_days_wakes_exactly_on_time(long ms)
    {
        using var t = new TestEngine(typeof(LongSleep));
        var duration = TimeSpan.FromMilliseconds(ms);
        var id = await t.CreateAsync("long-sleep", duration.Ticks);
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(duration - OneMs);
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        var nap = Assert.Single(t.Describe(id).Steps);
        Assert.True(nap.Finished);
        Assert.Equal(duration, nap.End - nap.Start);
    }

    [Fact]
    public async Task A_near_timer_fires_while_a_50_day_sleep_is_pending_and_both_wake_on_time()
    {
        using var t = new TestEngine(typeof(LongSleep));
        var near = await t.CreateAsync("long-sleep", TimeSpan.FromMinutes(1).Ticks);
        await t.WaitForStatusAsync(near, "waiting");
        var far = await t.CreateAsync("long-sleep", TimeSpan.FromDays(50).Ticks);
        await t.WaitForStatusAsync(far, "waiting");

        t.Advance(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(near, "complete");
        await t.WaitUntilIdleAsync();
        Assert.Equal("waiting", t.Describe(far).Status);
        t.Advance(TimeSpan.FromDays(50) - TimeSpan.FromMinutes(1));
        await t.WaitForStatusAsync(far, "complete");
        Assert.Equal(TimeSpan.FromDays(50), Assert.Single(t.Describe(far).Steps).End - Assert.Single(t.Describe(far).Steps).Start);
    }

    [Fact]
    public async Task A_50_day_sleep_survives_an_engine_restart_and_wakes_on_time()
    {
        using var t = new TestEngine(typeof(LongSleep));
        var id = await t.CreateAsync("long-sleep", TimeSpan.FromDays(50).Ticks);
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart();
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(50) - OneMs);
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
    }

    [Theory]
    [InlineData(365L * 24 * 60 * 60 * 1000 + 1)]
    [InlineData(long.MaxValue / TimeSpan.TicksPerMillisecond)]
    [InlineData(-1L)]
    public async Task A_sleep_outside_zero_to_365_days_is_refused_before_anything_is_logged(long ms)
    {
        using var t = new TestEngine(typeof(LongSleep));
        var ticks = ms == long.MaxValue / TimeSpan.TicksPerMillisecond ? TimeSpan.MaxValue.Ticks : ms * TimeSpan.TicksPerMillisecond;
        var id = await t.CreateAsync("long-sleep", ticks);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Sleep \"nap\" must last between zero and 365 days", described.Error.Message, StringComparison.Ordinal);
        Assert.Empty(described.Steps);
    }

    [Fact]
    public async Task A_zero_sleep_completes_at_once()
    {
        using var t = new TestEngine(typeof(LongSleep));
        var id = await t.CreateAsync("long-sleep", 0L);

        await t.WaitForStatusAsync(id, "complete");

        var nap = Assert.Single(t.Describe(id).Steps);
        Assert.True(nap.Finished);
        Assert.Equal(TimeSpan.Zero, nap.End - nap.Start);
    }

    [Fact]
    public async Task SleepUntil_exactly_365_days_ahead_wakes_on_time()
    {
        using var t = new TestEngine(typeof(SleepUntilInstant));
        var until = t.Time.GetUtcNow() + TimeSpan.FromDays(365);
        var id = await t.CreateAsync("sleep-until", until);
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(365) - OneMs);
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(until, Assert.Single(t.Describe(id).Steps).End);
    }

    [Fact]
    public async Task SleepUntil_far_in_the_past_returns_at_once()
    {
        using var t = new TestEngine(typeof(SleepUntilInstant));
        var id = await t.CreateAsync("sleep-until", DateTimeOffset.MinValue);

        await t.WaitForStatusAsync(id, "complete");

        var until = Assert.Single(t.Describe(id).Steps);
        Assert.True(until.Finished);
        Assert.Equal(t.Time.GetUtcNow(), until.End);
    }

    [Fact]
    public async Task SleepUntil_more_than_365_days_ahead_is_refused()
    {
        using var t = new TestEngine(typeof(SleepUntilInstant));
        var id = await t.CreateAsync("sleep-until", t.Time.GetUtcNow() + TimeSpan.FromDays(365) + OneMs);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Sleep \"until\" may end at most 365 days ahead", described.Error.Message, StringComparison.Ordinal);
        Assert.Empty(described.Steps);
    }

    [Fact]
    public async Task SleepUntil_the_end_of_time_is_refused()
    {
        using var t = new TestEngine(typeof(SleepUntilInstant));
        var id = await t.CreateAsync("sleep-until", DateTimeOffset.MaxValue);

        await t.WaitForStatusAsync(id, "errored");

        Assert.StartsWith("Sleep \"until\" may end at most 365 days ahead", t.Describe(id).Error!.Message, StringComparison.Ordinal);
    }
}
