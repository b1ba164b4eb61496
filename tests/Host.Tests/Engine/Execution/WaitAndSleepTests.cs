using Skein.Host.Engine;
using System.Globalization;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>Event waits and sleeps as the log and the workflow code see them, in the first run and replayed.</summary>
public sealed class WaitAndSleepTests
{
    [Fact]
    public async Task A_sleep_not_yet_due_is_unfinished_and_ends_at_its_wake_time()
    {
        using var t = new TestEngine(typeof(StepsAroundNap));
        var started = t.Time.GetUtcNow();
        var id = await t.CreateAsync("steps-around-nap", 0);

        var described = await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Count == 1, "the sleep");

        Assert.False(described.Steps[0].Finished);
        Assert.Equal(started.AddMinutes(1), described.Steps[0].End);
    }

    [Fact]
    public async Task An_event_wait_replayed_after_a_restart_gives_the_time_the_event_arrived()
    {
        using var t = new TestEngine(typeof(EventThenNap));
        var id = await t.CreateAsync("event-then-nap");
        await t.WaitForStatusAsync(id, "waiting");
        t.Advance(TimeSpan.FromMinutes(5));
        var arrived = t.Time.GetUtcNow();
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Any(s => s.Name == "nap"), "the sleep");

        t.Restart(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(arrived.ToString("O", CultureInfo.InvariantCulture), t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_sleep_due_at_once_is_logged_complete_and_its_history_never_shows_it_waiting()
    {
        using var t = new TestEngine(typeof(ZeroSleep));
        var id = await t.CreateAsync("zero-sleep");

        await t.WaitForStatusAsync(id, "complete");

        var sleep = t.Describe(id).Steps.Single(s => s.Name == "now");
        Assert.True(sleep.Finished);
        Assert.Equal(sleep.Start, sleep.End);
        var history = t.Log.ReadHistory(id, 0);
        Assert.DoesNotContain(history, h => h.Data?.Contains("\"waiting\"", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task A_sleep_replayed_before_its_time_holds_the_branch_until_it_is_due()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(LateBranch));
        var id = await t.CreateAsync("late-branch");
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Count == 2, "the wait and the sleep");
        await t.WaitUntilIdleAsync();

        // The event makes the run replay while the sleep still has a minute to go.
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "x" && s.Status == "complete"), "step x to run");
        await t.WaitUntilIdleAsync();

        Assert.DoesNotContain(t.Describe(id).Steps, s => s.Name == "y");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "y"), "step y after the sleep");
    }

    [Fact]
    public async Task A_finished_sleep_replayed_from_the_log_returns_at_once_and_writes_nothing_more()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(LateBranch));
        var id = await t.CreateAsync("late-branch");
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Count == 2, "the wait and the sleep");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Any(s => s.Name == "never"), "the second branch to wait");
        await t.WaitUntilIdleAsync();

        // The event makes the run replay past the finished sleep.
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "x" && s.Status == "complete"), "step x to run");
        await t.WaitUntilIdleAsync();

        var nap = t.Log.ReadHistory(id, 0).Where(h => h.Kind == "step" && h.Data!.Contains("\"name\":\"nap\"", StringComparison.Ordinal));
        Assert.Equal(2, nap.Count());
        Assert.Equal("waiting", t.Describe(id).Status);
    }

    [Fact]
    public async Task A_timed_out_wait_throws_the_message_the_log_holds_naming_the_event_type_and_the_wait()
    {
        using var t = new TestEngine(typeof(EventThenNap));
        var id = await t.CreateAsync("event-then-nap");
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromHours(1));
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(id, "complete");
        const string Expected = "No \"go\" event arrived before the wait \"go\" timed out.";
        Assert.Equal(Expected, t.Describe(id).Steps.Single(s => s.Name == "go").Error!.Message);
        Assert.Equal(Expected, t.Describe(id).Output!.GetValue<string>());
    }
}
