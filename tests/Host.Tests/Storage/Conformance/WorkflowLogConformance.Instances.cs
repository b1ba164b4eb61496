using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Creating, reading, listing, transitioning, finishing, restarting and deleting instances.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Create_inserts_a_queued_instance_once_and_numbers_instances_in_creation_order()
    {
        var first = await Log.CreateInstanceAsync(new NewInstance("a", "w", 3, """{"x":1}""", 100, """{"path":"/p"}"""));
        var again = await Log.CreateInstanceAsync(new NewInstance("a", "other", 9, "null", 200));
        var second = await Log.CreateInstanceAsync(new NewInstance("b", "w", 3, "null", 300));

        Assert.True(first.Created);
        Assert.Equal(new InstanceRow("a", first.Instance.Seq, "w", 3, InstanceStatus.Queued, """{"x":1}""", null, null, null, 1, 100, null, null,
            """{"path":"/p"}"""), first.Instance);
        Assert.False(again.Created);
        Assert.Equal(first.Instance, again.Instance);
        Assert.True(second.Created);
        Assert.True(second.Instance.Seq > first.Instance.Seq);
        Assert.Equal(first.Instance, Log.FindInstance("a"));
        Assert.Null(Log.FindInstance("none"));
        Assert.Equal(["status"], Log.ReadHistory("a", 0).Select(h => h.Kind));
    }

    [Fact]
    public async Task Mark_running_starts_a_queued_instance_once_and_keeps_its_first_start_time()
    {
        await Log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));

        Assert.True(await Log.MarkRunningAsync("a", 1, 10));
        Assert.True(await Log.MarkRunningAsync("a", 1, 20));

        var row = Log.FindInstance("a")!;
        Assert.Equal((InstanceStatus.Running, (long?)10), (row.Status, row.StartedAt));
        Assert.False(await Log.MarkRunningAsync("a", 2, 30));
        Assert.False(await Log.MarkRunningAsync("none", 1, 30));
    }

    [Fact]
    public async Task Transition_changes_the_status_only_from_the_statuses_given_and_returns_the_one_before()
    {
        await Log.CreateInstanceAsync(new NewInstance("a", "w", 1, "null", 1));

        Assert.Equal(InstanceStatus.Queued, await Log.TransitionAsync("a", [InstanceStatus.Running], InstanceStatus.Paused, 2));
        Assert.Equal(InstanceStatus.Queued, Log.FindInstance("a")!.Status);
        Assert.Equal(InstanceStatus.Queued, await Log.TransitionAsync("a", [InstanceStatus.Queued, InstanceStatus.Running], InstanceStatus.Paused, 3));
        Assert.Equal(InstanceStatus.Paused, Log.FindInstance("a")!.Status);
        Assert.Null(await Log.TransitionAsync("none", [InstanceStatus.Queued], InstanceStatus.Paused, 4));
    }

    [Fact]
    public async Task Finish_ends_the_instance_once_with_its_output_or_error()
    {
        await RunningAsync("a");
        await RunningAsync("b");

        Assert.True(await Log.FinishAsync("a", 1, InstanceStatus.Complete, "\"done\"", null, null, 20));
        Assert.True(await Log.FinishAsync("b", 1, InstanceStatus.Errored, null, "Boom", "it broke", 21));

        var a = Log.FindInstance("a")!;
        var b = Log.FindInstance("b")!;
        Assert.Equal((InstanceStatus.Complete, "\"done\"", (string?)null, (long?)20), (a.Status, a.Output, a.ErrorName, a.EndedAt));
        Assert.Equal((InstanceStatus.Errored, (string?)null, "Boom", "it broke"), (b.Status, b.Output, b.ErrorName, b.ErrorMessage));
        Assert.False(await Log.FinishAsync("a", 1, InstanceStatus.Errored, null, "Late", "late", 22));
        Assert.Equal(InstanceStatus.Complete, Log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task A_finished_instance_takes_no_more_writes_from_its_run()
    {
        await RunningAsync("a");
        Assert.True(await Log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 20));

        Assert.False(await Log.WriteStepAsync(Step("a", 1, 0, "late"), 21));
        Assert.False(await Log.MarkRunningAsync("a", 1, 22));
        Assert.False(await Log.MarkWaitingAsync("a", 1, [], 23));
        Assert.Null(await Log.EndWaitAsync("a", 1, 0, 24));
        Assert.False(await Log.WriteRollbackAsync("a", 1, 0, StepStatus.Complete, null, 25));
        Assert.True((await Log.StartEventWaitAsync(Step("a", 1, 0, "w", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 26)).Fenced);
        Assert.Equal(new SendEventOutcome(InstanceStatus.Complete, null), await Log.SendEventAsync("a", "e", "1", 27));

        Assert.Empty(Log.LoadSnapshot("a")!.Steps);
        Assert.Equal(InstanceStatus.Complete, Log.FindInstance("a")!.Status);
    }

    [Fact]
    public async Task Restart_forgets_the_steps_from_a_position_and_fences_the_run_it_superseded()
    {
        await RunningAsync("a");
        await Log.WriteStepAsync(Step("a", 1, 0, "s0"), 3);
        await Log.WriteStepAsync(Step("a", 1, 1, "s1"), 4);
        await Log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 5);

        var restarted = await Log.RestartAsync("a", 1, 6);

        Assert.Equal((InstanceStatus.Queued, 2, (string?)null, (long?)null), (restarted!.Status, restarted.Generation, restarted.Output, restarted.EndedAt));
        Assert.Equal(restarted, Log.FindInstance("a"));
        Assert.Equal(["s0"], Log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
        Assert.False(await Log.WriteStepAsync(Step("a", 1, 1, "old"), 7));
        Assert.False(await Log.MarkRunningAsync("a", 1, 7));
        Assert.True(await Log.MarkRunningAsync("a", 2, 8));
        Assert.True(await Log.WriteStepAsync(Step("a", 2, 1, "new"), 9));
        Assert.Equal(["s0", "new"], Log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
        Assert.Null(await Log.RestartAsync("none", 0, 10));
    }

    [Fact]
    public async Task Delete_removes_the_instance_and_everything_recorded_of_it_and_nothing_of_another()
    {
        await RunningAsync("a");
        await RunningAsync("b");
        await Log.WriteStepAsync(Step("a", 1, 0, "s"), 3);
        await Log.WriteStepAsync(Step("b", 1, 0, "s"), 3);
        await Log.SendEventAsync("a", "e", "1", 4);
        var lastOfA = Log.ReadHistory("a", 0)[^1].Seq;

        Assert.True(await Log.DeleteInstanceAsync("a"));

        Assert.Null(Log.FindInstance("a"));
        Assert.Null(Log.LoadHistory("a"));
        Assert.Empty(Log.ReadHistory("a", 0));
        Assert.Single(Log.LoadHistory("b")!.Steps);
        Assert.False(await Log.DeleteInstanceAsync("a"));
        // An id used again starts a new history: its events neither carry the old ones nor reuse their seqs.
        await RunningAsync("a");
        Assert.Equal(2, Log.ReadHistory("a", 0).Count);
        Assert.All(Log.ReadHistory("a", 0), h => Assert.True(h.Seq > lastOfA));
        Assert.Empty(Log.LoadSnapshot("a")!.Steps);
    }

    [Fact]
    public async Task Instances_are_listed_by_workflow_status_and_page_in_creation_order()
    {
        await Log.CreateInstanceAsync(new NewInstance("a", "w1", 1, "null", 1));
        await Log.CreateInstanceAsync(new NewInstance("b", "w2", 2, "null", 2));
        await Log.CreateInstanceAsync(new NewInstance("c", "w1", 2, "null", 3));
        await Log.MarkRunningAsync("c", 1, 4);

        Assert.Equal(["a", "b", "c"], Log.ListInstances(new InstanceQuery(null, null, 10, null)).Select(i => i.Id));
        Assert.Equal(["a", "c"], Log.ListInstances(new InstanceQuery("w1", null, 10, null)).Select(i => i.Id));
        Assert.Equal(["c"], Log.ListInstances(new InstanceQuery(null, InstanceStatus.Running, 10, null)).Select(i => i.Id));
        var page = Log.ListInstances(new InstanceQuery(null, null, 2, null));
        Assert.Equal(["a", "b"], page.Select(i => i.Id));
        Assert.Equal(["c"], Log.ListInstances(new InstanceQuery(null, null, 2, page[^1].Seq)).Select(i => i.Id));
        Assert.Equal(new Dictionary<InstanceStatus, long> { [InstanceStatus.Queued] = 2, [InstanceStatus.Running] = 1 }, Log.CountByStatus());
    }

    [Fact]
    public async Task Runnable_instances_and_unfinished_versions_are_found_for_a_start()
    {
        await Log.CreateInstanceAsync(new NewInstance("queued", "w", 1, "null", 1));
        await RunningAsync("running", version: 2);
        await RunningAsync("pausing", version: 2);
        await Log.TransitionAsync("pausing", [InstanceStatus.Running], InstanceStatus.WaitingForPause, 3);
        await Log.CreateInstanceAsync(new NewInstance("paused", "w", 3, "null", 1));
        await Log.TransitionAsync("paused", [InstanceStatus.Queued], InstanceStatus.Paused, 3);
        await RunningAsync("done", version: 4);
        await Log.FinishAsync("done", 1, InstanceStatus.Complete, "1", null, null, 4);

        Assert.Equal([("queued", InstanceStatus.Queued), ("running", InstanceStatus.Running), ("pausing", InstanceStatus.WaitingForPause)],
            Log.ListRunnable());
        Assert.True(Log.HasUnfinishedOn(1));
        Assert.True(Log.HasUnfinishedOn(3));
        Assert.False(Log.HasUnfinishedOn(4));
        Assert.False(Log.HasUnfinishedOn(5));
    }
}
