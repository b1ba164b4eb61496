using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>What a run rebuilt from the log after a restart gives the workflow code and holds in memory.</summary>
public sealed class ReplayedRunTests
{
    [Fact]
    public async Task A_step_failure_replayed_after_a_restart_keeps_its_error_name_and_message()
    {
        using var t = new TestEngine(typeof(CaughtFailure));
        var id = await t.CreateAsync("caught-failure");
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(id, "complete");
        var reported = t.Describe(id).Output!.GetValue<string>().Split('|');
        Assert.Equal("FormatException", reported[0]);
        Assert.Contains("not a date", reported[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_without_a_body_and_a_wait_without_options_are_refused_before_anything_is_logged()
    {
        using var t = new TestEngine(typeof(NullArguments));
        var id = await t.CreateAsync("null-arguments");

        await t.WaitForStatusAsync(id, "complete");

        var errors = t.Describe(id).Output!.GetValue<string>().Split('|');
        Assert.StartsWith("ArgumentNullException:", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("ArgumentNullException:", errors[1], StringComparison.Ordinal);
        Assert.Equal("ArgumentException: Wait \"bad-type\": the event type must be 1–100 characters of letters, digits, '_', '-' or '.'.", errors[2]);
        Assert.Empty(t.Describe(id).Steps);
    }

    [Fact]
    public async Task A_new_step_asked_while_the_replay_has_not_caught_up_starts_once_it_has()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(LateBranch));
        var id = await t.CreateAsync("late-branch");
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Count == 2, "the wait and the sleep");
        await t.WaitUntilIdleAsync();
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Any(s => s.Name == "never"), "the second branch to wait");
        await t.WaitUntilIdleAsync();

        // The run replays: "x" is asked for before "nap", "y" and "never", logged after "go", are claimed.
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");

        var described = await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "x" && s.Status == "complete"), "step x to run");
        Assert.Equal("go!", described.Steps.Single(s => s.Name == "x").Output!.GetValue<string>());
        Assert.Equal(["go", "nap", "y", "never", "x"], described.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_step_asked_before_a_restarted_run_caught_up_with_its_log_runs_once_and_the_run_completes()
    {
        using var t = new TestEngine(typeof(LateBranch));
        var id = await t.CreateAsync("late-branch");
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Count == 2, "the wait and the sleep");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Any(s => s.Name == "never"), "the second branch to wait");
        t.Restart();

        // Replayed from the log, "x" waits for the replay to catch up; the run then parks on "never" and wakes for it.
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "x" && s.Status == "complete"), "step x to run");
        await t.WaitUntilIdleAsync();
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "never", "\"now\"");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["go", "nap", "y", "never", "x"], t.Describe(id).Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task Logged_calls_left_unclaimed_at_the_end_of_the_workflow_error_the_instance_naming_them()
    {
        using var t = new TestEngine(typeof(Shortened));

        var error = (await ChangedCodeTests.ErroredAfterChangeAsync(t, "shortened", variant: 1)).Error!;

        Assert.Equal("NonDeterminismException", error.Name);
        Assert.Contains("the log holds sleep \"nap\" #1, but the workflow asked for the end of the workflow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_run_replayed_from_the_log_holds_its_params_every_logged_result_and_a_little_per_logged_step()
    {
        using var t = new TestEngine(typeof(BigThenWait));
        var id = await t.CreateAsync("big-then-wait", 1000);
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart(TimeSpan.FromMinutes(1));
        await t.WaitForLogAsync(id, d => d.Status == "waiting" && d.Steps.Any(s => s.Name == "go"), "the wait for the event");
        await Eventually.Until(() => t.Runtimes.Executions.Count == 1, "the replayed run to be parked");

        // As UTF-16: the params "1000", the step's result (1,000 characters and two quotes) and 64 bytes for each of
        // the two logged rows (the step and the sleep); the wait started after the replay adds nothing.
        Assert.Equal(2 * 4 + 2 * 1002 + 64 + 64, t.Runtimes.Executions.Bytes);
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");
        await t.WaitForStatusAsync(id, "complete");
    }
}
