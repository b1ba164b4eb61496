using Skein.TenantSdk;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Event-wait timeouts, step timeouts and retry delays longer than one timer can hold (about 49.7 days) end exactly
/// on time; past their limit (365 days) the call is refused with an error naming the limit.
/// </summary>
public sealed class TimeoutAndRetryLimitTests
{
    private const long DayMs = 24L * 60 * 60 * 1000;
    private static readonly TimeSpan OneMs = TimeSpan.FromMilliseconds(1);

    [Theory]
    [InlineData(50)]
    [InlineData(365)]
    public async Task An_event_wait_of_up_to_365_days_times_out_exactly_on_time(int days)
    {
        using var t = new TestEngine(typeof(LongEventWait));
        var timeout = TimeSpan.FromDays(days);
        var id = await t.CreateAsync("long-event-wait", timeout.Ticks);
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(timeout - OneMs);
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("timed out", described.Output!.GetValue<string>());
        var wait = Assert.Single(described.Steps);
        Assert.Equal(timeout, wait.End - wait.Start);
    }

    [Theory]
    [InlineData(365 * DayMs + 1)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public async Task An_event_wait_timeout_outside_its_limit_is_refused(long ms)
    {
        using var t = new TestEngine(typeof(LongEventWait));
        var id = await t.CreateAsync("long-event-wait", Ticks(ms));

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Wait \"go\": the timeout must be more than zero and at most 365 days", described.Error.Message, StringComparison.Ordinal);
        Assert.Empty(described.Steps);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(365)]
    public Task A_step_timeout_of_up_to_365_days_cancels_the_attempt_exactly_on_time(int days) =>
        // The body runs until its token is cancelled.
        TimesOutExactlyOnTimeAsync(typeof(LongStepTimeout), "long-step-timeout", TimeSpan.FromDays(days));

    /// <summary>
    /// Runs <paramref name="workflow"/> (one step of the timeout given as its parameter, in ticks, whose body outlives
    /// it and whose output is the name of the exception the step saw) and asserts the attempt ends exactly at the
    /// timeout: still running 1 ms before, its attempt's span equal to the timeout after.
    /// </summary>
    internal static async Task TimesOutExactlyOnTimeAsync(Type workflow, string name, TimeSpan timeout)
    {
        using var t = new TestEngine(workflow);
        var id = "timeout-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync(name, timeout.Ticks, id);
        await Eventually.Until(() => Probe.For(id).Count("started") == 1, "the attempt to start");

        // The step's body is the one the engine may still be running.
        await t.AdvanceAndSettleAsync(timeout - OneMs, stepBodiesRunning: 1);
        Assert.Equal("running", t.Describe(id).Status);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("TimeoutException", described.Output!.GetValue<string>());
        var attempt = Assert.Single(Assert.Single(described.Steps).Attempts!);
        Assert.Equal(timeout, attempt.End - attempt.Start);
    }

    [Theory]
    [InlineData(365 * DayMs + 1)]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public async Task A_step_timeout_outside_its_limit_is_refused(long ms)
    {
        using var t = new TestEngine(typeof(LongStepTimeout));
        var id = "timeout-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("long-step-timeout", Ticks(ms), id);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Step \"slow\": the timeout must be more than zero and at most 365 days", described.Error.Message, StringComparison.Ordinal);
        Assert.Empty(described.Steps);
        Assert.Equal(0, Probe.For(id).Count("started"));
    }

    [Fact]
    public async Task A_retry_delay_of_50_days_runs_the_next_attempt_exactly_on_time()
    {
        using var t = new TestEngine(typeof(LongRetry));
        var id = await t.CreateAsync("long-retry", new LongRetryParams(1, TimeSpan.FromDays(50).Ticks, Backoff.Constant, Failures: 1));
        await WaitForAttemptsAsync(t, id, 1);

        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(50) - OneMs);
        Assert.Single(Assert.Single(t.Describe(id).Steps).Attempts!);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal([TimeSpan.FromDays(50)], Gaps(t, id));
    }

    [Fact]
    public async Task An_exponential_retry_delay_grows_to_365_days_and_no_further()
    {
        using var t = new TestEngine(typeof(LongRetry));
        var id = await t.CreateAsync("long-retry", new LongRetryParams(2, TimeSpan.FromDays(200).Ticks, Backoff.Exponential, Failures: 2));
        await WaitForAttemptsAsync(t, id, 1);
        t.Advance(TimeSpan.FromDays(200));
        await WaitForAttemptsAsync(t, id, 2);

        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(365) - OneMs);
        Assert.Equal(2, Assert.Single(t.Describe(id).Steps).Attempts!.Count);
        t.Advance(OneMs);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal([TimeSpan.FromDays(200), TimeSpan.FromDays(365)], Gaps(t, id));
    }

    [Theory]
    [InlineData(365 * DayMs + 1)]
    [InlineData(-1L)]
    [InlineData(long.MaxValue)]
    public async Task A_retry_delay_outside_zero_to_365_days_is_refused(long ms)
    {
        using var t = new TestEngine(typeof(LongRetry));
        var id = await t.CreateAsync("long-retry", new LongRetryParams(3, Ticks(ms), Backoff.Constant, Failures: 0));

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Step \"call\": the retry delay must be between zero and 365 days", described.Error.Message, StringComparison.Ordinal);
        Assert.Empty(described.Steps);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(RetryPolicy.MaxLimit + 1)]
    public async Task A_retry_limit_outside_zero_to_10000_is_refused(int limit)
    {
        using var t = new TestEngine(typeof(LongRetry));
        var id = await t.CreateAsync("long-retry", new LongRetryParams(limit, TimeSpan.FromSeconds(1).Ticks, Backoff.Constant, Failures: 0));

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal("ArgumentOutOfRangeException", described.Error!.Name);
        Assert.StartsWith("Step \"call\": the retry limit must be 0–10000", described.Error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Backoff.Exponential, 1_000L, 10_000)]
    [InlineData(Backoff.Exponential, 0L, 10_000)]
    [InlineData(Backoff.Linear, long.MaxValue, 10_000)]
    [InlineData(Backoff.Constant, 365 * DayMs, 1)]
    public void The_delay_before_any_retry_stays_within_0_to_365_days(Backoff backoff, long delayMs, int retry)
    {
        var policy = new RetryPolicy(RetryPolicy.MaxLimit, TimeSpan.FromTicks(Ticks(delayMs)), backoff);

        var delay = policy.DelayBefore(retry);

        Assert.Equal(delayMs == 0 ? TimeSpan.Zero : TimeSpan.FromDays(365), delay);
    }

    /// <summary>Milliseconds as ticks; <see cref="long.MaxValue"/> stands for <see cref="TimeSpan.MaxValue"/>.</summary>
    private static long Ticks(long ms) => ms == long.MaxValue ? TimeSpan.MaxValue.Ticks : ms * TimeSpan.TicksPerMillisecond;

    private static Task WaitForAttemptsAsync(TestEngine t, string id, int count) =>
        t.WaitForLogAsync(id, d => d.Steps.SingleOrDefault()?.Attempts?.Count == count, $"{count} attempt(s)");

    private static List<TimeSpan> Gaps(TestEngine t, string id)
    {
        var attempts = Assert.Single(t.Describe(id).Steps).Attempts!;
        return [.. attempts.Zip(attempts.Skip(1), (a, b) => b.Start - a.End)];
    }
}
