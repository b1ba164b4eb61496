using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Steps, attempts, rollbacks, waits, events and the attempts a host stop cut off.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task A_step_is_written_with_its_attempts_and_read_back_in_position_order()
    {
        await RunningAsync("a");
        var failed = new AttemptRow(0, 1, 10, 11, false, "Boom", "first try");
        Assert.True(await Log.WriteStepAsync(Step("a", 1, 0, "call", StepStatus.Retrying) with
        {
            ErrorName = "Boom", ErrorMessage = "first try", WakeAt = 50, Attempt = failed,
        }, 11));
        Assert.True(await Log.WriteStepAsync(Step("a", 1, 0, "call") with { Attempt = new AttemptRow(0, 2, 50, 51, true, null, null) }, 51));
        Assert.True(await Log.WriteStepAsync(Step("a", 1, 1, "next"), 52));

        var snapshot = Log.LoadSnapshot("a")!;
        Assert.Equal(Log.FindInstance("a"), snapshot.Instance);
        Assert.Equal(["call", "next"], snapshot.Steps.Select(s => s.Name));
        var call = snapshot.Steps[0];
        Assert.Equal((StepKind.Step, StepStatus.Complete, "\"call\"", (long?)11, (long?)null), (call.Kind, call.Status, call.Output, call.EndedAt, call.WakeAt));
        var history = Log.LoadHistory("a")!;
        Assert.Equal(snapshot.Steps.Select(s => (s.Name, s.Status)), history.Steps.Select(s => (s.Name, s.Status)));
        Assert.Contains(failed, history.Attempts);
        Assert.DoesNotContain(history.Attempts, a => a.Position == 0 && a.Attempt > 2);
        Assert.Equal(["status", "status", "step", "step", "step"], Log.ReadHistory("a", 0).Select(h => h.Kind));
    }

    [Fact]
    public async Task A_rollback_is_recorded_on_its_step_and_in_the_history()
    {
        await RunningAsync("a");
        await Log.WriteStepAsync(Step("a", 1, 0, "charge"), 3);

        Assert.True(await Log.WriteRollbackAsync("a", 1, 0, StepStatus.Errored, "refund failed", 4));

        var step = Log.LoadHistory("a")!.Steps[0];
        Assert.Equal((StepStatus.Errored, "refund failed"), (step.RollbackStatus, step.RollbackError));
        Assert.Equal("rollback", Log.ReadHistory("a", 0)[^1].Kind);
        Assert.False(await Log.WriteRollbackAsync("a", 2, 0, StepStatus.Complete, null, 5));
    }

    [Fact]
    public async Task A_sleep_ends_once_and_wakes_its_waiting_instance()
    {
        await RunningAsync("a");
        var sleep = Step("a", 1, 0, "nap", StepStatus.Waiting) with { Kind = StepKind.Sleep, WakeAt = 100 };
        await Log.WriteStepAsync(sleep, 3);
        Assert.True(await Log.MarkWaitingAsync("a", 1, [0], 4));
        Assert.Equal(InstanceStatus.Waiting, Log.FindInstance("a")!.Status);
        Assert.Equal([("a", 100L)], Log.ListTimers());
        Assert.Empty(Log.ListRunnable());

        var ended = await Log.EndWaitAsync("a", 1, 0, 100);

        Assert.Equal((StepKind.Sleep, StepStatus.Complete, (long?)100), (ended!.Kind, ended.Status, ended.EndedAt));
        Assert.Equal(InstanceStatus.Running, Log.FindInstance("a")!.Status);
        Assert.Empty(Log.ListTimers());
        // Ending it again changes nothing.
        Assert.Equal(ended, await Log.EndWaitAsync("a", 1, 0, 200));
        Assert.Null(await Log.EndWaitAsync("a", 2, 0, 200));
    }

    [Fact]
    public async Task An_event_sent_before_its_wait_is_buffered_and_taken_by_the_first_wait_for_its_type()
    {
        await RunningAsync("a");
        Assert.Equal(new SendEventOutcome(InstanceStatus.Running, null), await Log.SendEventAsync("a", "e", "\"first\"", 3));
        await Log.SendEventAsync("a", "e", "\"second\"", 4);

        var taken = await Log.StartEventWaitAsync(Step("a", 1, 0, "w", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 5);
        var next = await Log.StartEventWaitAsync(Step("a", 1, 1, "w2", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 6);
        var none = await Log.StartEventWaitAsync(Step("a", 1, 2, "w3", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 7);

        Assert.Equal(new EventWaitOutcome(false, true, "\"first\"", 3), taken);
        Assert.Equal(new EventWaitOutcome(false, true, "\"second\"", 4), next);
        Assert.Equal(new EventWaitOutcome(false, false, null, 0), none);
        Assert.Equal([StepStatus.Complete, StepStatus.Complete, StepStatus.Waiting], Log.LoadSnapshot("a")!.Steps.Select(s => s.Status));
        Assert.Equal("\"second\"", Log.LoadSnapshot("a")!.Steps[1].Output);
        Assert.Equal(new SendEventOutcome(null, null), await Log.SendEventAsync("none", "e", "1", 8));
    }

    [Fact]
    public async Task An_event_is_delivered_to_an_open_wait_and_wakes_its_instance_and_a_run_then_cannot_wait()
    {
        await RunningAsync("a");
        await Log.StartEventWaitAsync(Step("a", 1, 0, "w", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 3);
        Assert.True(await Log.MarkWaitingAsync("a", 1, [0], 4));

        Assert.Equal(new SendEventOutcome(InstanceStatus.Waiting, 0), await Log.SendEventAsync("a", "e", "\"p\"", 5));

        var wait = Log.LoadSnapshot("a")!.Steps[0];
        Assert.Equal((StepStatus.Complete, "\"p\"", (long?)5), (wait.Status, wait.Output, wait.EndedAt));
        Assert.Equal(InstanceStatus.Running, Log.FindInstance("a")!.Status);
        // The wait was resolved meanwhile: the run must replay, not wait.
        Assert.False(await Log.MarkWaitingAsync("a", 1, [0], 6));
        Assert.Equal(InstanceStatus.Running, Log.FindInstance("a")!.Status);
        Assert.Equal(["status", "status", "step", "status", "event", "step", "status"], Log.ReadHistory("a", 0).Select(h => h.Kind));
    }

    [Fact]
    public async Task An_event_wait_that_times_out_says_which_event_it_waited_for_and_a_later_event_is_buffered()
    {
        await RunningAsync("a");
        await Log.StartEventWaitAsync(Step("a", 1, 0, "approval", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "approved", WakeAt = 50 }, 3);

        var ended = await Log.EndWaitAsync("a", 1, 0, 50);

        Assert.Equal(StepStatus.TimedOut, ended!.Status);
        Assert.Equal("WorkflowTimeoutException", ended.ErrorName);
        Assert.Equal("No \"approved\" event arrived before the wait \"approval\" timed out.", ended.ErrorMessage);
        Assert.Equal(new SendEventOutcome(InstanceStatus.Running, null), await Log.SendEventAsync("a", "approved", "1", 51));
    }

    [Fact]
    public async Task Cut_off_attempts_are_charged_once_and_too_many_recoveries_in_a_row_stop_the_instance()
    {
        await RunningAsync("a");
        await Log.WriteStepAsync(Step("a", 1, 0, "done"), 3);
        AttemptStart[] started = [new("a", 1, 0, "done", 1, 1, 10), new("a", 1, 1, "call", 1, 1, 20), new("a", 0, 2, "stale", 1, 1, 20)];

        var first = await Log.ChargeCutOffAttemptsAsync("a", started, maxRecoveries: 1, now: 30);
        var again = await Log.ChargeCutOffAttemptsAsync("a", started, maxRecoveries: 1, now: 31);

        Assert.Equal([started[1]], first.Charged);
        Assert.Equal((1, false), (first.Recoveries, first.Stopped));
        Assert.Equal((0, 1, false), (again.Charged.Count, again.Recoveries, again.Stopped));
        var call = Log.LoadHistory("a")!;
        Assert.Equal((StepStatus.Retrying, "HostStopped"), (call.Steps[1].Status, call.Steps[1].ErrorName));
        Assert.Contains(call.Attempts, a => (a.Position, a.Attempt, a.Success) == (1, 1, false));

        var stopped = await Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 1, "call", 1, 2, 40)], maxRecoveries: 1, now: 50);

        Assert.Equal((2, true), (stopped.Recoveries, stopped.Stopped));
        var row = Log.FindInstance("a")!;
        Assert.Equal((InstanceStatus.Errored, "CrashLoop", (long?)50), (row.Status, row.ErrorName, row.EndedAt));
        Assert.Equal(StepStatus.Errored, Log.LoadSnapshot("a")!.Steps[1].Status);
    }

    [Fact]
    public async Task A_step_written_after_a_recovery_resets_the_recoveries_in_a_row()
    {
        await RunningAsync("a");
        Assert.Equal(1, (await Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 0, "call", 1, 1, 10)], 1, 20)).Recoveries);

        await Log.WriteStepAsync(Step("a", 1, 0, "call") with { Attempt = new AttemptRow(0, 2, 21, 22, true, null, null) }, 22);
        var next = await Log.ChargeCutOffAttemptsAsync("a", [new("a", 1, 1, "more", 1, 1, 30)], 1, 40);

        Assert.Equal((1, false), (next.Recoveries, next.Stopped));
    }
}
