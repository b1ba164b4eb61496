using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The log's fence: a run writes only while its instance is unfinished and in the run's generation; a superseded
/// or finished run's writes are refused and leave the log as it was.
/// </summary>
public sealed class TenantLogFencingTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public TenantLogFencingTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Creating_an_instance_twice_returns_the_first_and_numbers_instances_in_creation_order()
    {
        var first = await _log.CreateInstanceAsync(new NewInstance("a", "w", 3, """{"x":1}""", 100, "api"));
        var again = await _log.CreateInstanceAsync(new NewInstance("a", "other", 9, "null", 200));
        var second = await _log.CreateInstanceAsync(new NewInstance("b", "w", 3, "null", 300));

        Assert.True(first.Created);
        Assert.Equal(new InstanceRow("a", 1, "w", 3, InstanceStatus.Queued, """{"x":1}""", null, null, null, 1, 100, null, null, "api"), first.Instance);
        Assert.False(again.Created);
        Assert.Equal(first.Instance, again.Instance);
        Assert.Equal(2, second.Instance.Seq);
        Assert.Equal(first.Instance, _log.FindInstance("a"));
    }

    [Fact]
    public async Task A_step_of_a_superseded_generation_is_refused_and_writes_nothing()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync("a", 1, 10));
        Assert.True(await _log.WriteStepAsync(Step("a", 1, 0, "s1"), 11));

        var restarted = await _log.RestartAsync("a", 0, 20);
        Assert.Equal(2, restarted!.Generation);
        Assert.Equal(InstanceStatus.Queued, restarted.Status);

        Assert.False(await _log.WriteStepAsync(Step("a", 1, 0, "old"), 21));
        Assert.False(await _log.MarkRunningAsync("a", 1, 21));
        Assert.False(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 21));
        Assert.Empty(_log.LoadSnapshot("a")!.Steps);
        Assert.Equal(InstanceStatus.Queued, _log.FindInstance("a")!.Status);

        Assert.True(await _log.MarkRunningAsync("a", 2, 22));
        Assert.True(await _log.WriteStepAsync(Step("a", 2, 0, "new"), 23));
        Assert.Equal(["new"], _log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_finished_instance_takes_no_more_writes_from_its_run()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync("a", 1, 10));
        Assert.True(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "\"done\"", null, null, 20));

        Assert.False(await _log.WriteStepAsync(Step("a", 1, 0, "late"), 21));
        Assert.False(await _log.FinishAsync("a", 1, InstanceStatus.Errored, null, "E", "m", 22));
        Assert.False(await _log.MarkRunningAsync("a", 1, 23));
        Assert.False(await _log.MarkWaitingAsync("a", 1, [], 24));
        Assert.Null(await _log.EndWaitAsync("a", 1, 0, 25));
        Assert.False(await _log.WriteRollbackAsync("a", 1, 0, StepStatus.Complete, null, 26));
        Assert.True((await _log.StartEventWaitAsync(Step("a", 1, 0, "wait") with { Kind = StepKind.WaitForEvent, EventType = "e" }, 27)).Fenced);

        var row = _log.FindInstance("a")!;
        Assert.Equal((InstanceStatus.Complete, "\"done\"", 20L), (row.Status, row.Output, row.EndedAt));
        Assert.Empty(_log.LoadSnapshot("a")!.Steps);
    }

    [Fact]
    public async Task An_unknown_instance_takes_no_writes()
    {
        Assert.False(await _log.MarkRunningAsync("none", 1, 1));
        Assert.False(await _log.WriteStepAsync(Step("none", 1, 0, "s"), 1));
        Assert.False(await _log.FinishAsync("none", 1, InstanceStatus.Complete, null, null, null, 1));
        Assert.Null(await _log.RestartAsync("none", 0, 1));
        Assert.False(await _log.DeleteInstanceAsync("none"));
        Assert.Equal(new SendEventOutcome(null, null), await _log.SendEventAsync("none", "e", "1", 1));
        Assert.Null(await _log.TransitionAsync("none", [InstanceStatus.Queued], InstanceStatus.Paused, 1));
        Assert.Empty(_log.CountByStatus());
    }

    [Fact]
    public async Task Restarting_from_a_position_keeps_the_steps_before_it_and_hands_back_the_events_taken_after()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        await _log.MarkRunningAsync("a", 1, 2);
        await _log.WriteStepAsync(Step("a", 1, 0, "s0"), 3);
        await _log.SendEventAsync("a", "e", "\"early\"", 4);
        var wait = await _log.StartEventWaitAsync(Step("a", 1, 1, "w1") with { Kind = StepKind.WaitForEvent, EventType = "e", Status = StepStatus.Waiting }, 5);
        Assert.Equal(new EventWaitOutcome(false, true, "\"early\"", 4), wait);
        await _log.WriteStepAsync(Step("a", 1, 2, "s2"), 6);
        Assert.True(await _log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 7));

        var restarted = await _log.RestartAsync("a", 1, 8);

        Assert.Equal((InstanceStatus.Queued, 2, (string?)null, (long?)null), (restarted!.Status, restarted.Generation, restarted.Output, restarted.EndedAt));
        Assert.Equal(restarted, _log.FindInstance("a"));
        Assert.Equal(["s0"], _log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
        // The event taken by the forgotten wait is buffered again for the new run.
        await _log.MarkRunningAsync("a", 2, 9);
        var again = await _log.StartEventWaitAsync(Step("a", 2, 1, "w1") with { Kind = StepKind.WaitForEvent, EventType = "e", Status = StepStatus.Waiting }, 10);
        Assert.Equal(new EventWaitOutcome(false, true, "\"early\"", 4), again);
    }

    [Fact]
    public async Task A_run_is_marked_waiting_only_while_every_wait_it_holds_is_still_open()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        await _log.MarkRunningAsync("a", 1, 2);
        var sleep = Step("a", 1, 0, "nap") with { Kind = StepKind.Sleep, Status = StepStatus.Waiting, WakeAt = 100 };
        var wait = Step("a", 1, 1, "w") with { Kind = StepKind.WaitForEvent, Status = StepStatus.Waiting, EventType = "e" };
        await _log.WriteStepAsync(sleep, 3);
        Assert.False((await _log.StartEventWaitAsync(wait, 4)).Delivered);
        Assert.Equal([("a", 100L)], _log.ListTimers());

        // The event arrives before the run is marked waiting: it must replay, not wait.
        Assert.Equal(new SendEventOutcome(InstanceStatus.Running, 1), await _log.SendEventAsync("a", "e", "\"p\"", 5));
        Assert.False(await _log.MarkWaitingAsync("a", 1, [0, 1], 6));
        Assert.Equal(InstanceStatus.Running, _log.FindInstance("a")!.Status);

        Assert.True(await _log.MarkWaitingAsync("a", 1, [0], 7));
        Assert.Equal(InstanceStatus.Waiting, _log.FindInstance("a")!.Status);
        Assert.Empty(_log.ListRunnable());

        // The sleep ends: the instance runs again.
        var ended = await _log.EndWaitAsync("a", 1, 0, 100);
        Assert.Equal((StepStatus.Complete, (long?)100), (ended!.Status, ended.EndedAt));
        Assert.Equal(InstanceStatus.Running, _log.FindInstance("a")!.Status);
        Assert.Equal([("a", InstanceStatus.Running)], _log.ListRunnable());
        Assert.Empty(_log.ListTimers());
    }

    [Fact]
    public async Task An_event_wait_that_times_out_says_which_event_it_waited_for()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        await _log.MarkRunningAsync("a", 1, 2);
        await _log.StartEventWaitAsync(Step("a", 1, 0, "approval") with { Kind = StepKind.WaitForEvent, Status = StepStatus.Waiting, EventType = "approved", WakeAt = 50 }, 3);

        var ended = await _log.EndWaitAsync("a", 1, 0, 50);

        Assert.Equal(StepStatus.TimedOut, ended!.Status);
        Assert.Equal("WorkflowTimeoutException", ended.ErrorName);
        Assert.Equal("No \"approved\" event arrived before the wait \"approval\" timed out.", ended.ErrorMessage);
        // Too late: the event is buffered, not delivered to the timed-out wait.
        Assert.Equal(new SendEventOutcome(InstanceStatus.Running, null), await _log.SendEventAsync("a", "approved", "1", 51));
    }

    [Fact]
    public async Task A_transition_happens_only_from_the_statuses_given_and_returns_the_status_before()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));

        Assert.Equal(InstanceStatus.Queued, await _log.TransitionAsync("a", [InstanceStatus.Running], InstanceStatus.Paused, 2));
        Assert.Equal(InstanceStatus.Queued, _log.FindInstance("a")!.Status);
        Assert.Equal(InstanceStatus.Queued, await _log.TransitionAsync("a", [InstanceStatus.Queued, InstanceStatus.Running], InstanceStatus.Paused, 3));
        Assert.Equal(InstanceStatus.Paused, _log.FindInstance("a")!.Status);
        Assert.Equal(new Dictionary<InstanceStatus, long> { [InstanceStatus.Paused] = 1 }, _log.CountByStatus());
    }

    [Fact]
    public async Task Deleting_an_instance_removes_it_and_its_history_and_nothing_of_another()
    {
        foreach (var id in new[] { "a", "b" })
        {
            await _log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
            await _log.MarkRunningAsync(id, 1, 2);
            await _log.WriteStepAsync(Step(id, 1, 0, "s"), 3);
        }

        Assert.True(await _log.DeleteInstanceAsync("a"));

        Assert.Null(_log.FindInstance("a"));
        Assert.Null(_log.LoadHistory("a"));
        Assert.Empty(_log.ReadHistory("a", 0));
        Assert.Single(_log.LoadHistory("b")!.Steps);
        Assert.Equal(["status", "status", "step"], _log.ReadHistory("b", 0).Select(h => h.Kind));
    }

    [Fact]
    public async Task Instances_are_listed_by_workflow_status_and_page()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w1", 1, "null", 1));
        await _log.CreateInstanceAsync(new NewInstance("b", "w2", 2, "null", 2));
        await _log.CreateInstanceAsync(new NewInstance("c", "w1", 2, "null", 3));
        await _log.MarkRunningAsync("c", 1, 4);
        await _log.FinishAsync("a", 1, InstanceStatus.Complete, null, null, null, 5);

        Assert.Equal(["a", "c"], _log.ListInstances(new InstanceQuery("w1", null, 10, null)).Select(i => i.Id));
        Assert.Equal(["c"], _log.ListInstances(new InstanceQuery(null, InstanceStatus.Running, 10, null)).Select(i => i.Id));
        Assert.Equal(["b"], _log.ListInstances(new InstanceQuery(null, null, 1, 1)).Select(i => i.Id));
        Assert.Equal(["c"], _log.ListInstances(new InstanceQuery(null, null, 10, 2)).Select(i => i.Id));
        Assert.False(_log.HasUnfinishedOn(1));
        Assert.True(_log.HasUnfinishedOn(2));
        Assert.Equal([("b", InstanceStatus.Queued), ("c", InstanceStatus.Running)], _log.ListRunnable());
    }

    [Fact]
    public async Task A_failed_attempt_is_kept_and_a_first_time_success_needs_no_attempt_row()
    {
        await _log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));
        await _log.MarkRunningAsync("a", 1, 2);
        await _log.WriteStepAsync(Step("a", 1, 0, "ok") with { Attempt = new AttemptRow(0, 1, 3, 4, true, null, null) }, 4);
        await _log.WriteStepAsync(Step("a", 1, 1, "flaky") with
        {
            Status = StepStatus.Retrying, Output = null, EndedAt = null,
            Attempt = new AttemptRow(1, 1, 5, 6, false, "E", "boom"),
        }, 6);
        await _log.WriteStepAsync(Step("a", 1, 1, "flaky") with { Attempt = new AttemptRow(1, 2, 7, 8, true, null, null) }, 8);

        var history = _log.LoadHistory("a")!;
        Assert.Equal([new AttemptRow(1, 1, 5, 6, false, "E", "boom"), new AttemptRow(1, 2, 7, 8, true, null, null)], history.Attempts);
        Assert.Equal([0, 2], history.Steps.Select(s => s.Attempts));
        Assert.Equal(StepStatus.Complete, history.Steps[1].Status);
    }

    private static StepWrite Step(string id, int generation, int position, string name) =>
        new(id, generation, position, StepKind.Step, name, 1, StepStatus.Complete, 1, Output: "1", EndedAt: 2);
}
