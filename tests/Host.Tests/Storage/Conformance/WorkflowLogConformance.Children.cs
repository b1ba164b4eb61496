using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Child workflows: the start, and the family rules kept in the transactions that end, delete and restart.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Start_child_records_the_parents_step_and_inserts_the_child_together_and_is_fenced()
    {
        await RunningAsync("p", version: 4);

        var outcome = await Log.StartChildAsync(ChildStep("p", 1, 0), new NewInstance("p-c-1", "kid", 4, "7", 50), 50);

        Assert.Equal(new ChildStartOutcome(false, true), outcome);
        var child = Log.FindInstance("p-c-1")!;
        Assert.Equal(("kid", 4, InstanceStatus.Queued, "7", new ParentLink("p", "c", 0)),
            (child.Workflow, child.Version, child.Status, child.Params, child.Parent));
        var step = Assert.Single(Log.LoadSnapshot("p")!.Steps);
        Assert.Equal((StepKind.ChildWorkflow, StepStatus.Waiting, "p-c-1", "kid"), (step.Kind, step.Status, step.ChildId, step.ChildWorkflow));

        Assert.True((await Log.StartChildAsync(ChildStep("p", 2, 1), new NewInstance("p-c-2", "kid", 4, "7", 60), 60)).Fenced);
        Assert.Null(Log.FindInstance("p-c-2"));
        Assert.Single(Log.LoadSnapshot("p")!.Steps);
    }

    [Fact]
    public async Task A_childs_end_resolves_the_parents_step_in_its_transaction_and_is_reported_after_commit()
    {
        var changes = Watch();
        await RunningAsync("p");
        await Log.StartChildAsync(ChildStep("p", 1, 0), new NewInstance("p-c-1", "kid", 1, "null", 50), 50);
        Assert.True(await Log.MarkWaitingAsync("p", 1, [0], 51));
        Assert.True(await Log.MarkRunningAsync("p-c-1", 1, 52));

        Assert.True(await Log.FinishAsync("p-c-1", 1, InstanceStatus.Errored, null, "Boom", "it broke", 60));

        var step = Log.LoadSnapshot("p")!.Steps[0];
        Assert.Equal((StepStatus.Errored, "Boom", "it broke", (long?)60), (step.Status, step.ErrorName, step.ErrorMessage, step.EndedAt));
        Assert.Equal(InstanceStatus.Running, Log.FindInstance("p")!.Status);
        var change = Assert.Single(changes);
        Assert.Equal(new ChildEnd("p", 0, StepStatus.Errored, null, "Boom", "it broke", 60), Assert.Single(change.ResolvedParents));
        Assert.Empty(change.Terminated);
    }

    [Fact]
    public async Task A_parents_end_terminates_its_unfinished_children_recursively()
    {
        var changes = Watch();
        await RunningAsync("p");
        await Log.StartChildAsync(ChildStep("p", 1, 0), new NewInstance("p-c-1", "kid", 1, "null", 50), 50);
        await Log.StartChildAsync(ChildStep("p-c-1", 1, 0), new NewInstance("p-c-1-c-1", "kid", 1, "null", 51), 51);

        Assert.True(await Log.FinishAsync("p", 1, InstanceStatus.Terminated, null, null, null, 70));

        Assert.Equal(InstanceStatus.Terminated, Log.FindInstance("p-c-1")!.Status);
        Assert.Equal(70, Log.FindInstance("p-c-1-c-1")!.EndedAt);
        Assert.Equal(InstanceStatus.Terminated, Log.FindInstance("p-c-1-c-1")!.Status);
        Assert.Equal(["p-c-1", "p-c-1-c-1"], changes.SelectMany(c => c.Terminated).Order());
        Assert.Empty(changes.SelectMany(c => c.ResolvedParents));
    }

    [Fact]
    public async Task A_restart_terminates_the_children_of_forgotten_steps_and_the_next_start_replaces_the_record()
    {
        await RunningAsync("p");
        await Log.WriteStepAsync(Step("p", 1, 0, "before"), 20);
        await Log.StartChildAsync(ChildStep("p", 1, 1), new NewInstance("p-c-1", "kid", 1, "1", 50), 50);

        await Log.RestartAsync("p", 1, 80);

        Assert.Equal(InstanceStatus.Terminated, Log.FindInstance("p-c-1")!.Status);
        Assert.True(await Log.MarkRunningAsync("p", 2, 81));
        var again = await Log.StartChildAsync(ChildStep("p", 2, 1), new NewInstance("p-c-1", "kid", 1, "2", 90), 90);
        Assert.True(again.Created);
        var fresh = Log.FindInstance("p-c-1")!;
        Assert.Equal((InstanceStatus.Queued, "2", 90L), (fresh.Status, fresh.Params, fresh.CreatedAt));
    }

    [Fact]
    public async Task A_child_id_held_by_another_instance_fails_the_step_and_leaves_that_instance_alone()
    {
        await RunningAsync("p");
        await Log.CreateInstanceAsync(new NewInstance("p-c-1", "other", 1, "\"mine\"", 5));

        var outcome = await Log.StartChildAsync(ChildStep("p", 1, 0), new NewInstance("p-c-1", "kid", 1, "null", 50), 50);

        Assert.Equal("InstanceIdTaken", outcome.ErrorName);
        Assert.False(outcome.Created);
        Assert.Equal(("other", "\"mine\"", (ParentLink?)null), (Log.FindInstance("p-c-1")!.Workflow, Log.FindInstance("p-c-1")!.Params, Log.FindInstance("p-c-1")!.Parent));
        var step = Assert.Single(Log.LoadSnapshot("p")!.Steps);
        Assert.Equal((StepStatus.Errored, (string?)null), (step.Status, step.ChildId));
    }

    [Fact]
    public async Task Deleting_a_child_resolves_its_parents_step_as_terminated()
    {
        var changes = Watch();
        await RunningAsync("p");
        await Log.StartChildAsync(ChildStep("p", 1, 0), new NewInstance("p-c-1", "kid", 1, "null", 50), 50);

        Assert.True(await Log.DeleteInstanceAsync("p-c-1", 99));

        var step = Log.LoadSnapshot("p")!.Steps[0];
        Assert.Equal((StepStatus.Terminated, "InstanceDeleted", (long?)99), (step.Status, step.ErrorName, step.EndedAt));
        Assert.Equal("p", Assert.Single(changes.SelectMany(c => c.ResolvedParents)).ParentId);
    }

    private List<FamilyChange> Watch()
    {
        var changes = new List<FamilyChange>();
        Log.FamilyChanged = change =>
        {
            lock (changes)
            {
                changes.Add(change);
            }
        };
        return changes;
    }

    private static StepWrite ChildStep(string id, int generation, int position) =>
        new(id, generation, position, StepKind.ChildWorkflow, "c", 1, StepStatus.Waiting, 40 + position, ChildWorkflow: "kid");
}
