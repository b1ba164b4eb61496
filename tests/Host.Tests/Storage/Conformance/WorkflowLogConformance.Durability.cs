using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Group commit, its failure path, crash atomicity, a lost connection, reopening and migrations.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Writes_queued_while_a_batch_commits_share_the_next_commit_and_none_is_done_before_it()
    {
        await Log.CreateInstanceAsync(new NewInstance("warm", "w", 1, "null", 1));
        var commits = Log.Stats.Commits;
        using var gate = Log.HoldCommits();
        var first = Log.CreateInstanceAsync(new NewInstance("first", "w", 1, "null", 1));
        await WhenHeld(gate, 1, "the first batch held before its commit");
        var more = Enumerable.Range(0, 10).Select(i => Log.CreateInstanceAsync(new NewInstance($"m{i}", "w", 1, "null", 1))).ToList();

        gate.ReleaseOne();
        await first;
        await WhenHeld(gate, 1, "the second batch held before its commit");
        Assert.All(more, t => Assert.False(t.IsCompleted));
        gate.Release();
        await Task.WhenAll(more);

        Assert.Equal(commits + 2, Log.Stats.Commits);
        Assert.Equal(12, Log.ListInstances(new InstanceQuery(null, null, 100, null)).Count);
    }

    [Fact]
    public async Task One_bad_write_fails_alone_and_the_rest_of_its_batch_commits()
    {
        await RunningAsync("a");
        using var gate = Log.HoldCommits();
        var first = Log.CreateInstanceAsync(new NewInstance("first", "w", 1, "null", 1));
        await WhenHeld(gate, 1, "the first batch held before its commit");

        // Queued behind it, so they share one batch: a step, a create without its params (refused), another create.
        var step = Log.WriteStepAsync(Step("a", 1, 0, "s"), 3);
        var bad = Log.CreateInstanceAsync(new NewInstance("bad", "w", 1, null!, 1));
        var after = Log.CreateInstanceAsync(new NewInstance("after", "w", 1, "null", 1));
        gate.Release();

        Assert.True((await first).Created);
        Assert.True(await step);
        Assert.True((await after).Created);
        await Assert.ThrowsAnyAsync<Exception>(() => bad);
        Assert.Null(Log.FindInstance("bad"));
        Assert.Empty(Log.ReadHistory("bad", 0));
        Assert.Equal(["s"], Log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
        Assert.NotNull(Reopen().FindInstance("after"));
        Assert.Null(Log.FindInstance("bad"));
    }

    [Fact]
    public async Task A_crash_before_a_batch_commits_leaves_none_of_its_writes_and_every_write_committed_before()
    {
        await RunningAsync("a");
        await Log.WriteStepAsync(Step("a", 1, 0, "s0"), 3);
        using var gate = Log.HoldCommits();
        var held = new List<Task>
        {
            Log.WriteStepAsync(Step("a", 1, 1, "s1"), 4),
            Log.CreateInstanceAsync(new NewInstance("b", "w", 1, "null", 4)),
            Log.SendEventAsync("a", "e", "1", 4),
            Log.FinishAsync("a", 1, InstanceStatus.Complete, "1", null, null, 5),
        };
        await WhenHeld(gate, 1, "the batch held before its commit");

        using (var crashed = OpenCrashCopy())
        {
            Assert.Equal(InstanceStatus.Running, crashed.FindInstance("a")!.Status);
            Assert.Equal(["s0"], crashed.LoadSnapshot("a")!.Steps.Select(s => s.Name));
            Assert.Null(crashed.FindInstance("b"));
            Assert.DoesNotContain(crashed.ReadHistory("a", 0), h => h.Kind == "event");
            // The copy is a working log: the recovered run carries on from its last commit.
            Assert.True(await crashed.WriteStepAsync(Step("a", 1, 1, "again"), 6));
        }

        gate.Release();
        await Task.WhenAll(held);
        Assert.Equal(InstanceStatus.Complete, Reopen().FindInstance("a")!.Status);
        Assert.Equal(["s0", "s1"], Log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
    }

    [Fact]
    public async Task A_connection_lost_under_the_writer_fails_its_batch_whole_and_the_next_write_reopens_it()
    {
        await RunningAsync("a");
        using var gate = Log.HoldCommits();
        var first = Log.CreateInstanceAsync(new NewInstance("first", "w", 1, "null", 1));
        await WhenHeld(gate, 1, "the first batch held before its commit");
        var before = Log.WriteStepAsync(Step("a", 1, 0, "before"), 3);
        var broken = BreakConnectionAsync(Log);
        var after = Log.CreateInstanceAsync(new NewInstance("after", "w", 1, "null", 4));
        gate.Release();
        await first;

        // Each write of the broken batch either committed or failed, and says which: nothing is half-written.
        var beforeDone = await Outcome(before);
        var afterDone = await Outcome(after);
        await Outcome(broken);
        Assert.Equal(beforeDone, Log.LoadSnapshot("a")!.Steps.Count == 1);
        Assert.Equal(afterDone, Log.FindInstance("after") is not null);

        Assert.True((await Log.CreateInstanceAsync(new NewInstance("next", "w", 1, "null", 5))).Created);
        Assert.True(await Log.WriteStepAsync(Step("a", 1, 1, "next"), 6));
        Assert.NotNull(Reopen().FindInstance("next"));
        Assert.Equal("next", Log.LoadSnapshot("a")!.Steps[^1].Name);
    }

    [Fact]
    public async Task A_reopened_log_holds_every_committed_write_and_carries_on()
    {
        await RunningAsync("a");
        await Log.WriteStepAsync(Step("a", 1, 0, "s0"), 3);
        await Log.SendEventAsync("a", "e", "\"x\"", 4);
        var history = Log.ReadHistory("a", 0);

        var log = Reopen();

        Assert.Equal(history, log.ReadHistory("a", 0));
        Assert.Equal(["s0"], log.LoadSnapshot("a")!.Steps.Select(s => s.Name));
        var wait = await log.StartEventWaitAsync(Step("a", 1, 1, "w", StepStatus.Waiting) with { Kind = StepKind.WaitForEvent, EventType = "e" }, 5);
        Assert.Equal(new EventWaitOutcome(false, true, "\"x\"", 4), wait);
        Assert.True(log.ReadHistory("a", 0)[^1].Seq > history[^1].Seq);
    }

    [Fact]
    public async Task A_log_of_the_oldest_schema_is_migrated_on_open_and_its_instances_run_on()
    {
        WriteOldestSchema();

        var old = Log.FindInstance("old");

        Assert.Equal(("w", 1, InstanceStatus.Queued, "null", 5L), (old!.Workflow, old.Version, old.Status, old.Params, old.CreatedAt));
        Assert.Equal([("old", InstanceStatus.Queued)], Log.ListRunnable());
        Assert.True(await Log.MarkRunningAsync("old", old.Generation, 10));
        Assert.True(await Log.WriteStepAsync(Step("old", old.Generation, 0, "s"), 11));
        Assert.True(await Log.FinishAsync("old", old.Generation, InstanceStatus.Complete, "1", null, null, 12));
        Assert.True((await Log.CreateInstanceAsync(new NewInstance("new", "w", 1, "null", 13))).Instance.Seq > old.Seq);
        Assert.Equal(InstanceStatus.Complete, Reopen().FindInstance("old")!.Status);
    }

    [Fact]
    public void A_log_of_a_newer_schema_is_refused_and_left_as_it_is()
    {
        WriteNewerSchema();

        var refused = Assert.Throws<SchemaVersionException>(() => Open());
        Assert.Contains("upgrade Skein", refused.Message);
        Assert.Throws<SchemaVersionException>(() => Open());
    }

    /// <summary>True when the write committed, false when it failed: either way it ended.</summary>
    private static async Task<bool> Outcome(Task write)
    {
        try
        {
            await write.WaitAsync(Eventually.DefaultDeadline);
            return true;
        }
        catch (Exception e) when (e is not TimeoutException)
        {
            return false;
        }
    }
}
