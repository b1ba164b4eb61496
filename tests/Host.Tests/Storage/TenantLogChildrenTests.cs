using System.Text.Json;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// Child workflows as the log records them: the entries a start, a child's end and a parent's end write in each
/// instance's history, what a start answers when it is fenced or its id is taken, and what deleting a family leaves.
/// </summary>
public sealed class TenantLogChildrenTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;
    private readonly List<FamilyChange> _changes = [];

    public TenantLogChildrenTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        _log.FamilyChanged = change =>
        {
            lock (_changes)
            {
                _changes.Add(change);
            }
        };
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_started_child_is_recorded_queued_with_its_workflow_version_and_parent()
    {
        await Running("p");

        Assert.Equal(new ChildStartOutcome(false, true), await _log.StartChildAsync(ChildStep("p", 0), new NewInstance("p-c", "kid", 3, "null", 50), 50));

        var entry = Assert.Single(_log.ReadHistory("p-c", 0));
        Assert.Equal(("status", 50L), (entry.Kind, entry.At));
        Assert.Equal("""{"status":"queued","workflow":"kid","version":3,"parent":{"id":"p","step":"c"}}""", entry.Data);
    }

    [Fact]
    public async Task A_fenced_start_creates_nothing_and_says_so()
    {
        await Running("p");

        var outcome = await _log.StartChildAsync(ChildStep("p", 0, generation: 2), new NewInstance("p-c", "kid", 1, "null", 50), 50);

        Assert.Equal(new ChildStartOutcome(true, false), outcome);
        Assert.Null(_log.FindInstance("p-c"));
    }

    [Fact]
    public async Task A_child_id_used_by_another_instance_fails_the_step_with_a_message_naming_the_id_and_the_step()
    {
        await Running("p");
        await _log.CreateInstanceAsync(new NewInstance("p-c", "other", 1, "null", 5));

        var outcome = await _log.StartChildAsync(ChildStep("p", 0), new NewInstance("p-c", "kid", 1, "null", 50), 50);

        const string message = "The child workflow's id 'p-c' is already used by another instance; delete it or rename the step \"c\".";
        Assert.Equal(new ChildStartOutcome(false, false, "InstanceIdTaken", message), outcome);
        var step = Assert.Single(_log.LoadSnapshot("p")!.Steps);
        Assert.Equal((StepStatus.Errored, "InstanceIdTaken", message, (long?)50), (step.Status, step.ErrorName, step.ErrorMessage, step.EndedAt));
    }

    [Fact]
    public async Task A_child_id_reused_by_a_later_step_of_the_same_run_fails_that_step_and_keeps_the_first_child()
    {
        await Running("p");
        await _log.StartChildAsync(ChildStep("p", 0), new NewInstance("p-c", "kid", 1, "\"first\"", 50), 50);

        var outcome = await _log.StartChildAsync(ChildStep("p", 1), new NewInstance("p-c", "kid", 1, "\"second\"", 60), 60);

        Assert.Equal(("InstanceIdTaken", false), (outcome.ErrorName, outcome.Created));
        var child = _log.FindInstance("p-c")!;
        Assert.Equal(("\"first\"", new ParentLink("p", "c", 0)), (child.Params, child.Parent));
        Assert.Equal([StepStatus.Waiting, StepStatus.Errored], _log.LoadSnapshot("p")!.Steps.Select(s => s.Status));
    }

    [Fact]
    public async Task A_completed_child_completes_its_parents_step_with_its_output_and_no_error_and_the_parent_records_it()
    {
        await ParentWaitingOnChild();
        Assert.True(await _log.MarkRunningAsync("p-c", 1, 52));

        Assert.True(await _log.FinishAsync("p-c", 1, InstanceStatus.Complete, "42", null, null, 60));

        var step = Assert.Single(_log.LoadSnapshot("p")!.Steps);
        Assert.Equal((StepStatus.Complete, "42", (string?)null, (string?)null), (step.Status, step.Output, step.ErrorName, step.ErrorMessage));
        var added = _log.ReadHistory("p", 0).TakeLast(2).Select(h => (h.Kind, h.At, h.Data)).ToList();
        Assert.Equal(
            [("step", 60L, """{"type":"childWorkflow","name":"c","count":1,"position":0,"status":"complete"}"""),
             ("status", 60L, """{"status":"running"}""")],
            added);
    }

    [Fact]
    public async Task A_terminated_parent_records_each_unfinished_child_terminated_and_their_steps_terminated()
    {
        await ParentWaitingOnChild();

        Assert.True(await _log.FinishAsync("p", 1, InstanceStatus.Terminated, null, null, null, 70));

        Assert.Equal(("status", 70L, """{"status":"terminated"}"""), Entry(_log.ReadHistory("p-c", 0)[^1]));
        var step = Assert.Single(_log.LoadSnapshot("p")!.Steps);
        Assert.Equal((StepStatus.Terminated, "Terminated", "The child workflow 'p-c' was terminated."), (step.Status, step.ErrorName, step.ErrorMessage));
        var entry = JsonDocument.Parse(_log.ReadHistory("p", 0).Last(h => h.Kind == "step").Data!).RootElement;
        Assert.Equal("terminated", entry.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_child_replaced_after_a_restart_is_deleted_with_its_descendants_and_the_unfinished_ones_are_reported_terminated()
    {
        await Running("p");
        await _log.StartChildAsync(ChildStep("p", 0), new NewInstance("p-c", "kid", 1, "null", 50), 50);
        Assert.True(await _log.MarkRunningAsync("p-c", 1, 51));
        await _log.StartChildAsync(ChildStep("p-c", 0), new NewInstance("p-c-c", "kid", 1, "null", 52), 52);
        // The child's end terminated the grandchild, which was then restarted on its own: it outlives its parent's end.
        Assert.True(await _log.FinishAsync("p-c", 1, InstanceStatus.Complete, "1", null, null, 53));
        Assert.NotNull(await _log.RestartAsync("p-c-c", 0, 54));
        Assert.NotNull(await _log.RestartAsync("p", 0, 80));
        Assert.True(await _log.MarkRunningAsync("p", 2, 81));
        _changes.Clear();

        var again = await _log.StartChildAsync(ChildStep("p", 0, generation: 2), new NewInstance("p-c", "kid", 1, "\"new\"", 90), 90);

        Assert.True(again.Created);
        Assert.Null(_log.FindInstance("p-c-c"));
        Assert.Empty(_log.ReadHistory("p-c-c", 0));
        Assert.Equal(["p-c-c"], _changes.SelectMany(c => c.Terminated));
    }

    [Fact]
    public async Task A_family_write_run_again_after_a_write_beside_it_failed_reports_each_change_once()
    {
        await ParentWaitingOnChild();
        using var gate = _log.HoldCommits();
        var held = _log.RawWriteAsync(_ => 0);
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to be held at its commit");
        var end = _log.FinishAsync("p", 1, InstanceStatus.Terminated, null, null, null, 70);
        var failing = _log.RawWriteAsync<int>(_ => throw new InvalidOperationException("a write that fails"));

        gate.Release();

        await held;
        Assert.True(await end);
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal(["p-c"], _changes.SelectMany(c => c.Terminated));
    }

    private async Task Running(string id)
    {
        await _log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync(id, 1, 2));
    }

    /// <summary>Running parent <c>p</c> waiting on its child <c>p-c</c> (queued) at position 0.</summary>
    private async Task ParentWaitingOnChild()
    {
        await Running("p");
        Assert.True((await _log.StartChildAsync(ChildStep("p", 0), new NewInstance("p-c", "kid", 1, "null", 50), 50)).Created);
        Assert.True(await _log.MarkWaitingAsync("p", 1, [0], 51));
    }

    private static (string, long, string?) Entry(HistoryRow row) => (row.Kind, row.At, row.Data);

    private static StepWrite ChildStep(string id, int position, int generation = 1) =>
        new(id, generation, position, StepKind.ChildWorkflow, "c", 1, StepStatus.Waiting, 40 + position, ChildWorkflow: "kid");
}
