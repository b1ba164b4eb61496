using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;
using static Skein.Host.Tests.Engine.Control.HeldWrites;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// A control that meets a pause as it takes effect. The pause's completion (<c>waitingForPause</c> → <c>paused</c>,
/// written once the in-flight step has finished) is held at the commit gate and the control's write queued behind it,
/// or the control's write is held and the pause has not completed yet: each order is made, not hoped for. A user sees
/// a success (never a 500), an instance that ends as the control says, each step run once, and a history in order.
/// </summary>
public sealed class PauseCompletionRaceTests
{
    [Fact]
    public async Task Resume_queued_behind_the_pause_completing_resumes_the_paused_instance()
    {
        using var t = new TestEngine(typeof(Gated));
        var (id, status) = await QueuedBehindThePauseCompletingAsync(t, id => t.Engine.ResumeAsync(TestEngine.Tenant, id), "resume");

        // The pause committed first, so the resume takes the paused instance back: it is queued, then runs on.
        Assert.Equal(InstanceStatus.Queued, status);
        await t.WaitForStatusAsync(id, "complete");
        var probe = Probe.For(id);
        Assert.Equal((1, 1), (probe.Count("slow"), probe.Count("done")));
        Assert.Equal(["complete", "complete"], t.Describe(id).Steps.Select(s => s.Status));
        Assert.Equal(["waitingForPause", "paused", "queued", "running", "complete"], AfterRunning(t, id));
    }

    [Fact]
    public async Task Resume_committed_before_the_step_ends_cancels_the_pause_and_nothing_marks_the_instance_paused()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await WaitingForPauseAsync(t);

        using var gate = t.Log.HoldCommits();
        var resume = t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await HeldAsync(gate);
        // The step ends while the resume's write waits for its commit: its outcome is queued behind the resume.
        Probe.For(id).Open("body");
        await QueuedBehindAsync(t, "the step's outcome queued behind the resume's write");
        gate.Release();

        Assert.Equal(InstanceStatus.Running, await resume.WaitAsync(Eventually.DefaultDeadline));
        await t.WaitForStatusAsync(id, "complete");
        var probe = Probe.For(id);
        Assert.Equal((1, 1), (probe.Count("slow"), probe.Count("done")));
        Assert.Equal(["waitingForPause", "running", "complete"], AfterRunning(t, id));
    }

    [Fact]
    public async Task A_pause_completing_after_the_instance_was_moved_off_waitingForPause_does_not_mark_it_paused()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await WaitingForPauseAsync(t);

        using var gate = t.Log.HoldCommits();
        Probe.For(id).Open("body");
        await HeldAsync(gate);
        // Ahead of the pause's completion (queued once the step's outcome committed), the instance is moved back to
        // running by a write the execution does not know of, as a resume that got there first would.
        var moved = t.Log.RawWriteAsync(tx => tx.Execute("UPDATE instances SET status = 'running' WHERE id = $0", id));
        await QueuedBehindAsync(t, "the move to running queued behind the step's outcome");
        gate.Release();
        await moved.WaitAsync(Eventually.DefaultDeadline);

        await t.WaitForStatusAsync(id, "complete");
        var probe = Probe.For(id);
        Assert.Equal((1, 1), (probe.Count("slow"), probe.Count("done")));
        Assert.DoesNotContain("paused", Statuses(t, id));
    }

    [Fact]
    public async Task Terminate_queued_behind_the_pause_completing_terminates_the_instance()
    {
        using var t = new TestEngine(typeof(Gated));
        var (id, status) = await QueuedBehindThePauseCompletingAsync(t, id => t.Engine.TerminateAsync(TestEngine.Tenant, id), "terminate");

        Assert.Equal(InstanceStatus.Terminated, status);
        await t.WaitUntilIdleAsync();
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("done"));
        Assert.Equal(["waitingForPause", "paused", "terminated"], AfterRunning(t, id));
    }

    [Fact]
    public async Task Restart_queued_behind_the_pause_completing_runs_the_instance_again_from_the_start()
    {
        using var t = new TestEngine(typeof(Gated));
        var (id, status) = await QueuedBehindThePauseCompletingAsync(t, id => t.Engine.RestartAsync(TestEngine.Tenant, id), "restart");

        Assert.Equal(InstanceStatus.Queued, status);
        // The step's gate stays open: the new run goes through the step again without waiting.
        await t.WaitForStatusAsync(id, "complete");
        var probe = Probe.For(id);
        Assert.Equal((2, 1), (probe.Count("slow"), probe.Count("done")));
        Assert.Equal(["complete", "complete"], t.Describe(id).Steps.Select(s => s.Status));
        Assert.Equal(["waitingForPause", "paused", "queued", "running", "complete"], AfterRunning(t, id));
    }

    [Fact]
    public async Task Delete_queued_behind_the_pause_completing_deletes_the_instance()
    {
        using var t = new TestEngine(typeof(Gated));
        var (id, deleted) = await QueuedBehindThePauseCompletingAsync(t, id => t.Engine.DeleteAsync(TestEngine.Tenant, id), "delete");

        Assert.True(deleted);
        await t.WaitUntilIdleAsync();
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
        Assert.Empty(t.Log.ReadHistory(id, 0));
        Assert.Equal(0, Probe.For(id).Count("done"));
    }

    /// <summary>
    /// A <see cref="Gated"/> instance waiting for its pause, whose completion (written once the step ends) is held at
    /// the commit gate while <paramref name="control"/>'s write is queued behind it; returns the instance's id and the
    /// control's answer once the completion is let through.
    /// </summary>
    private static async Task<(string Id, T Answer)> QueuedBehindThePauseCompletingAsync<T>(
        TestEngine t, Func<string, Task<T>> control, string what)
    {
        var id = await WaitingForPauseAsync(t);
        using var gate = await HoldTheWriteAfterStepAsync(t, id, "slow");
        Assert.Equal("waitingForPause", t.Describe(id).Status);

        var answer = control(id);
        await QueuedBehindAsync(t, $"the {what}'s write queued behind the pause completing");
        Assert.False(answer.IsCompleted);
        gate.Release();
        return (id, await answer.WaitAsync(Eventually.DefaultDeadline));
    }

    /// <summary>A <see cref="Gated"/> instance whose step is in flight and whose pause is asked: <c>waitingForPause</c>.</summary>
    private static async Task<string> WaitingForPauseAsync(TestEngine t)
    {
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        return id;
    }

    /// <summary>The statuses recorded from the pause on (the first run's <c>queued</c> and <c>running</c> left out).</summary>
    private static IReadOnlyList<string> AfterRunning(TestEngine t, string id) =>
        [.. Statuses(t, id).SkipWhile(s => s != "waitingForPause")];
}
