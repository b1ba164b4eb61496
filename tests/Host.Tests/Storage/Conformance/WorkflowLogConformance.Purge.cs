using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Retention: purging finished instances in bounded writes, and giving the space back.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Purge_deletes_the_finished_instances_that_ended_before_the_cutoff_and_no_other()
    {
        await FinishedAsync("complete", InstanceStatus.Complete, endedAt: 100);
        await FinishedAsync("errored", InstanceStatus.Errored, endedAt: 101);
        await FinishedAsync("terminated", InstanceStatus.Terminated, endedAt: 102);
        await FinishedAsync("recent", InstanceStatus.Complete, endedAt: 500);
        await FinishedAsync("at-cutoff", InstanceStatus.Complete, endedAt: 200);

        var outcome = await Log.PurgeFinishedAsync(endedBefore: 200, maxInstances: 100, maxRows: 1_000_000);

        Assert.Equal(["complete", "errored", "terminated"], outcome.Instances);
        Assert.Equal(["at-cutoff", "recent"], Log.ListInstances(new InstanceQuery(null, null, 100, null)).Select(i => i.Id).Order());
    }

    [Fact]
    public async Task Purge_never_deletes_an_unfinished_instance_however_old()
    {
        await Log.CreateInstanceAsync(new NewInstance("queued", "w", 1, "null", 1));
        await RunningAsync("running");
        await RunningAsync("waiting");
        Assert.True(await Log.WriteStepAsync(Step("waiting", 1, 0, "nap", StepStatus.Waiting) with { Kind = StepKind.Sleep, WakeAt = 50 }, 3));
        Assert.True(await Log.MarkWaitingAsync("waiting", 1, [0], 4));
        await RunningAsync("paused");
        await Log.TransitionAsync("paused", [InstanceStatus.Running], InstanceStatus.Paused, 5);
        // Finished, then restarted: it runs again, so its old end time must not make it look finished.
        await FinishedAsync("restarted", InstanceStatus.Errored, endedAt: 6);
        await Log.RestartAsync("restarted", 0, 7);

        var outcome = await Log.PurgeFinishedAsync(endedBefore: long.MaxValue, maxInstances: 100, maxRows: 1_000_000);

        Assert.Empty(outcome.Instances);
        Assert.Equal(5, Log.ListInstances(new InstanceQuery(null, null, 100, null)).Count);
    }

    [Fact]
    public async Task Purge_deletes_everything_recorded_of_the_instance_and_keeps_history_seqs_unused()
    {
        await RunningAsync("gone");
        Assert.True(await Log.WriteStepAsync(Step("gone", 1, 0, "charge", StepStatus.Retrying) with
        {
            Attempt = new AttemptRow(0, 1, 10, 11, false, "Boom", "it broke"),
        }, 11));
        Assert.True(await Log.WriteStepAsync(Step("gone", 1, 0, "charge"), 12));
        await Log.SendEventAsync("gone", "approval", "{}", 13);
        Assert.True(await Log.FinishAsync("gone", 1, InstanceStatus.Complete, "1", null, null, 20));
        var lastSeq = Log.ReadHistory("gone", 0).Max(h => h.Seq);
        await FinishedAsync("kept", InstanceStatus.Complete, endedAt: 5_000);

        var outcome = await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);

        Assert.Equal(["gone"], outcome.Instances);
        Assert.Null(Log.FindInstance("gone"));
        Assert.Null(Log.LoadHistory("gone"));
        Assert.Empty(Log.ReadHistory("gone", 0));
        // A new instance under the purged id starts clean: no step, attempt or event of the old one comes back.
        await Log.CreateInstanceAsync(new NewInstance("gone", "w", 1, "null", 30));
        var again = Log.LoadHistory("gone")!;
        Assert.Empty(again.Steps);
        Assert.Empty(again.Attempts);
        Assert.Equal(InstanceStatus.Queued, (await Log.SendEventAsync("gone", "approval", "\"new\"", 31)).InstanceStatus);
        Assert.True(await Log.MarkRunningAsync("gone", 1, 32));
        var wait = await Log.StartEventWaitAsync(new StepWrite("gone", 1, 0, StepKind.WaitForEvent, "approval", 1, StepStatus.Waiting, 33,
            EventType: "approval", WakeAt: 100_000), 33);
        // The old instance's event was never taken: had it been left behind, this wait would take it first.
        Assert.Equal((true, "\"new\""), (wait.Delivered, wait.Payload));
        Assert.True(Log.ReadHistory("gone", 0).Min(h => h.Seq) > lastSeq);
    }

    [Fact]
    public async Task Purge_takes_at_most_the_instances_asked_for_oldest_first_and_stops_after_the_row_budget()
    {
        for (var i = 0; i < 7; i++)
        {
            await FinishedAsync($"i{i}", InstanceStatus.Complete, endedAt: 100 - i, steps: 3);
        }

        var byCount = await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 3, maxRows: 1_000_000);
        // The instances are alike, so each is a third of the first batch's rows: a budget of one instance and a row
        // is passed by the second, which is still deleted whole.
        var rowsOfOne = byCount.Rows / 3;
        var byRows = await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: rowsOfOne + 1);
        var rest = await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);

        Assert.Equal(["i6", "i5", "i4"], byCount.Instances);
        Assert.Equal(["i3", "i2"], byRows.Instances);
        Assert.Equal(2 * rowsOfOne, byRows.Rows);
        Assert.Equal(["i1", "i0"], rest.Instances);
        Assert.Empty(Log.ListInstances(new InstanceQuery(null, null, 100, null)));
    }

    [Fact]
    public async Task Delete_removes_the_same_rows_as_a_purge()
    {
        await RunningAsync("a");
        Assert.Equal(InstanceStatus.Running, (await Log.SendEventAsync("a", "late", "{}", 3)).InstanceStatus);
        Assert.True(await Log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 10));
        await FinishedAsync("b", InstanceStatus.Complete, endedAt: 10, steps: 2);

        Assert.True(await Log.DeleteInstanceAsync("a"));
        var purged = await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);

        Assert.False(await Log.DeleteInstanceAsync("a"));
        Assert.Equal(["b"], purged.Instances);
        Assert.Empty(Log.ListInstances(new InstanceQuery(null, null, 100, null)));
        Assert.Empty(Log.ReadHistory("a", 0));
        // The deleted instance's untaken event is gone too: a new "a" waiting for that type finds none.
        await RunningAsync("a");
        var wait = await Log.StartEventWaitAsync(new StepWrite("a", 1, 0, StepKind.WaitForEvent, "late", 1, StepStatus.Waiting, 20,
            EventType: "late", WakeAt: 100_000), 20);
        Assert.False(wait.Delivered);
    }

    [Fact]
    public async Task A_purge_commits_with_the_writes_queued_beside_it()
    {
        await FinishedAsync("old", InstanceStatus.Complete, endedAt: 10);
        await RunningAsync("busy");
        using var gate = Log.HoldCommits();
        var purge = Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);
        await WhenHeld(gate, 1, "the purge's batch to be held at its commit");
        var step = Log.WriteStepAsync(Step("busy", 1, 0, "s"), 20);

        gate.Release();

        Assert.Equal(["old"], (await purge).Instances);
        Assert.True(await step);
        Assert.Equal(StepStatus.Complete, Assert.Single(Log.LoadSnapshot("busy")!.Steps).Status);
    }

    [Fact]
    public async Task Reclaim_space_returns_the_free_pages_left_and_none_after_enough_steps()
    {
        for (var i = 0; i < 50; i++)
        {
            await FinishedAsync($"big{i}", InstanceStatus.Complete, endedAt: 10, output: new string('x', 20_000));
        }

        await Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);
        var first = await Log.ReclaimSpaceAsync(10);
        var left = first;
        for (var i = 0; i < 1_000 && left > 0; i++)
        {
            left = await Log.ReclaimSpaceAsync(100);
        }

        Assert.True(first > 0, $"a purge of 1 MB of outputs leaves free pages ({first})");
        Assert.Equal(0, left);
    }

    private protected async Task FinishedAsync(string id, InstanceStatus status, long endedAt, int steps = 0, string? output = null)
    {
        await RunningAsync(id);
        for (var position = 0; position < steps; position++)
        {
            Assert.True(await Log.WriteStepAsync(Step(id, 1, position, $"s{position}"), endedAt - 1));
        }

        Assert.True(await Log.FinishAsync(id, 1, status, output is null ? "1" : $"\"{output}\"", null, null, endedAt));
    }
}
