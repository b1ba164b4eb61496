using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// The durability contract: nothing moves on, and nothing is shown, before the log write it depends on committed.
/// Each test holds the tenant log's commits at a <see cref="CommitGate"/>, waits until the writer has a batch waiting
/// there (the engine had its chance to run ahead), asserts nothing moved on, then releases and sees it finish.
/// </summary>
public sealed class CommitBeforeContinueTests
{
    [Fact]
    public async Task The_next_step_is_not_entered_and_describe_shows_no_result_before_the_step_commits()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        using var gate = t.Log.HoldCommits();
        probe.Open("body");
        await HeldAsync(gate);

        Assert.Equal(1, probe.Count("slow"));
        Assert.Equal(0, probe.Count("done"));
        Assert.DoesNotContain(t.Describe(id).Steps, s => s.Name == "slow" && s.Status == "complete");

        gate.Release();
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("done"));
        Assert.Equal("complete", t.Describe(id).Steps.Single(s => s.Name == "slow").Status);
    }

    [Fact]
    public async Task A_sleep_is_not_shown_started_before_its_commit()
    {
        using var t = new TestEngine(typeof(GatedSleeper));
        var id = await t.CreateAsync("gated-sleeper", 30);
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        using var gate = t.Log.HoldCommits();
        probe.Open("body");
        await HeldAsync(gate);
        // Let the step "before" commit; the next batch to reach the gate is the sleep's.
        gate.ReleaseOne();
        await Eventually.Until(
            () => (Before: t.Describe(id).Steps.Any(s => s.Name == "before" && s.Status == "complete"), Held: gate.BatchesHeld),
            v => v.Before && v.Held > 0,
            "the step 'before' committed and the next batch held");

        var described = t.Describe(id);
        Assert.DoesNotContain(described.Steps, s => s.Name == "nap");
        Assert.NotEqual("waiting", described.Status);
        // An engine that moved on would already have queued its next write (marking the instance waiting).
        Assert.Equal(0, t.Log.QueuedWrites);
        Assert.Equal(0, probe.Count("after"));

        gate.Release();
        await t.WaitForStatusAsync(id, "waiting");
        Assert.Equal("sleep", t.Describe(id).Steps.Single(s => s.Name == "nap").Type);
        t.Advance(TimeSpan.FromMinutes(30));
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("after"));
    }

    [Fact]
    public async Task A_sleep_is_not_shown_finished_and_the_next_step_not_entered_before_the_wake_up_commits()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 30);
        await t.WaitForStatusAsync(id, "waiting");

        using var gate = t.Log.HoldCommits();
        t.Advance(TimeSpan.FromMinutes(30));
        await HeldAsync(gate);

        var described = t.Describe(id);
        Assert.NotEqual(true, described.Steps.Single(s => s.Name == "nap").Finished);
        Assert.NotEqual("complete", described.Status);
        Assert.Equal(0, Probe.For(id).Count("after"));

        gate.Release();
        await t.WaitForStatusAsync(id, "complete");
        Assert.True(t.Describe(id).Steps.Single(s => s.Name == "nap").Finished);
        Assert.Equal(1, Probe.For(id).Count("after"));
    }

    [Fact]
    public async Task An_event_is_not_consumed_and_the_send_does_not_return_before_its_commit()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        await t.WaitForStatusAsync(id, "waiting");

        using var gate = t.Log.HoldCommits();
        var send = t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"carol\"");
        await HeldAsync(gate);

        Assert.False(send.IsCompleted);
        var described = t.Describe(id);
        Assert.Equal("waiting", described.Status);
        Assert.NotEqual(true, described.Steps.Single(s => s.Name == "first").Finished);
        Assert.DoesNotContain(described.Steps, s => s.Name == "second");

        gate.Release();
        await send.WaitAsync(Eventually.DefaultDeadline);
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "second"), "the second wait");
        Assert.Equal("carol", t.Describe(id).Steps.Single(s => s.Name == "first").Output!.GetValue<string>());
    }

    [Fact]
    public async Task A_create_does_not_return_and_the_instance_does_not_run_before_its_commit()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = "held-" + Guid.NewGuid().ToString("n");

        using var gate = t.Log.HoldCommits();
        var create = t.Engine.CreateAsync(TestEngine.Tenant, "three-steps", id, null);
        await HeldAsync(gate);

        Assert.False(create.IsCompleted);
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
        Assert.Equal(0, Probe.For(id).Count("a"));

        gate.Release();
        var created = await create.WaitAsync(Eventually.DefaultDeadline);
        Assert.True(created.Created);
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("ABC", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task The_finish_is_not_shown_before_its_commit()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        using var gate = t.Log.HoldCommits();
        probe.Open("body");
        // Let the results of "slow" and "done" commit one by one; the batch held after them is the finish.
        await HeldAsync(gate);
        gate.ReleaseOne();
        await Eventually.Until(() => (Done: probe.Count("done"), Held: gate.BatchesHeld), v => v.Done == 1 && v.Held > 0, "the step 'done' entered and its batch held");
        gate.ReleaseOne();
        await Eventually.Until(
            () => (Done: t.Describe(id).Steps.Any(s => s.Name == "done" && s.Status == "complete"), Held: gate.BatchesHeld),
            v => v.Done && v.Held > 0,
            "the step 'done' committed and the next batch held");

        var finished = t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("running", described.Status);
        Assert.Null(described.Output);
        Assert.Null(described.EndedAt);
        Assert.False(finished.IsCompleted);

        gate.Release();
        await finished;
        Assert.Equal("finished", t.Describe(id).Output!.GetValue<string>());
    }

    private static Task<int> HeldAsync(CommitGate gate) =>
        Eventually.Until(() => gate.BatchesHeld, n => n > 0, "a batch held at the commit gate");
}
