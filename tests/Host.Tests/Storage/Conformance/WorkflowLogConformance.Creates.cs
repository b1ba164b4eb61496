using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Creating an instance already started: one write that leaves what a create and a start leave, or nothing.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Create_started_leaves_in_one_commit_what_a_create_and_a_start_at_the_same_time_leave()
    {
        await Log.CreateInstanceAsync(new NewInstance("two", "w", 3, """{"x":1}""", 100, """{"path":"/p"}""", "00-t-s-01"));
        Assert.True(await Log.MarkRunningAsync("two", 1, 100));
        var commits = Log.Stats.Commits;

        var one = await Log.CreateStartedInstanceAsync(new NewInstance("one", "w", 3, """{"x":1}""", 100, """{"path":"/p"}""", "00-t-s-01"));

        Assert.Equal(commits + 1, Log.Stats.Commits);
        Assert.True(one.Created);
        var twoWrites = Log.FindInstance("two")!;
        Assert.Equal(twoWrites with { Id = "one", Seq = one.Instance.Seq }, one.Instance);
        Assert.Equal((InstanceStatus.Running, (long?)100), (one.Instance.Status, one.Instance.StartedAt));
        Assert.True(one.Instance.Seq > twoWrites.Seq);
        Assert.Equal(one.Instance, Log.FindInstance("one"));
        Assert.Equal(Log.ReadHistory("two", 0).Select(h => (h.At, h.Kind, h.Data)), Log.ReadHistory("one", 0).Select(h => (h.At, h.Kind, h.Data)));
        Assert.Contains(Log.ListRunnable(), r => r == ("one", InstanceStatus.Running));
        // The run it started is generation 1: its writes are taken.
        Assert.True(await Log.WriteStepAsync(Step("one", 1, 0, "s"), 101));
    }

    [Fact]
    public async Task Create_started_leaves_an_existing_instance_as_it_is_and_writes_nothing()
    {
        await Log.CreateInstanceAsync(new NewInstance("queued", "w", 1, "null", 1));
        await RunningAsync("done");
        await Log.FinishAsync("done", 1, InstanceStatus.Complete, "1", null, null, 3);
        var queued = Log.FindInstance("queued")!;
        var done = Log.FindInstance("done")!;
        var queuedHistory = Log.ReadHistory("queued", 0);
        var doneHistory = Log.ReadHistory("done", 0);

        var again = await Log.CreateStartedInstanceAsync(new NewInstance("queued", "other", 2, "2", 10));
        var finished = await Log.CreateStartedInstanceAsync(new NewInstance("done", "w", 1, "null", 10));

        Assert.Equal(new CreateOutcome(queued, false), again);
        Assert.Equal(new CreateOutcome(done, false), finished);
        Assert.Equal(queued, Log.FindInstance("queued"));
        Assert.Equal(done, Log.FindInstance("done"));
        Assert.Equal(queuedHistory, Log.ReadHistory("queued", 0));
        Assert.Equal(doneHistory, Log.ReadHistory("done", 0));
    }

    [Fact]
    public async Task A_crash_before_a_create_started_commits_leaves_nothing_of_it()
    {
        await RunningAsync("a");
        using var gate = Log.HoldCommits();
        var held = Log.CreateStartedInstanceAsync(new NewInstance("b", "w", 1, "null", 4));
        await WhenHeld(gate, 1, "the create held before its commit");

        using (var crashed = OpenCrashCopy())
        {
            Assert.Null(crashed.FindInstance("b"));
            Assert.Empty(crashed.ReadHistory("b", 0));
            Assert.DoesNotContain(crashed.ListRunnable(), r => r.Id == "b");
        }

        gate.Release();
        Assert.True((await held).Created);
        Assert.Equal(InstanceStatus.Running, Reopen().FindInstance("b")!.Status);
        Assert.Equal(2, Log.ReadHistory("b", 0).Count);
    }
}
