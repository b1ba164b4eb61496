using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;
using static Skein.Host.Tests.Engine.Control.HeldWrites;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// A fenced status write of the engine's own (a resume cancelling a pause, a pause that outlived a crash settling
/// at load) queued behind a write that ended the instance first, as a parent's termination ends its children in
/// the log: the engine answers from what its write found, never from what it hoped to find, and announces no status
/// the log did not take.
/// </summary>
public sealed class LogMovedFirstTests
{
    [Fact]
    public async Task Resume_of_a_pausing_instance_ended_first_in_the_log_is_a_conflict_and_never_reports_running()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        using var gate = t.Log.HoldCommits();
        var ended = EndInLog(t, id);
        await HeldAsync(gate);
        var reported = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.Running, CancellationToken.None);
        var resume = t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the resume's write queued behind the instance's end");
        gate.Release();
        await ended.WaitAsync(Eventually.DefaultDeadline);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => resume.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal(InstanceStatus.Terminated, refused.Status);
        // The step in flight ends; the pause it was waiting for finds the end and the run stops there.
        Probe.For(id).Open("body");
        await t.WaitUntilIdleAsync();
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("done"));
        Assert.False(reported.IsCompleted);
    }

    [Fact]
    public async Task A_pause_left_from_a_crash_settling_after_the_instance_ended_in_the_log_does_not_report_paused()
    {
        // Nothing parked in memory: the wake loads the instance from its log, where the pause is found.
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();
        // As a pause asked while a step ran, and the process died before it took effect, leaves it.
        await t.Log.RawWriteAsync(tx => tx.Execute("UPDATE instances SET status = 'waitingForPause' WHERE id = $0", id));

        using var gate = t.Log.HoldCommits();
        var ended = EndInLog(t, id);
        await HeldAsync(gate);
        var reported = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.Paused, CancellationToken.None);
        t.Advance(TimeSpan.FromMinutes(10));
        await QueuedBehindAsync(t, "the woken instance's settling write queued behind its end");
        gate.Release();
        await ended.WaitAsync(Eventually.DefaultDeadline);

        await t.WaitUntilIdleAsync();
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("after"));
        Assert.DoesNotContain("paused", Statuses(t, id));
        Assert.False(reported.IsCompleted);
    }

    [Fact]
    public async Task Restart_of_an_instance_deleted_first_in_the_log_is_not_found_and_never_reports_queued()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");
        await t.WaitUntilIdleAsync();

        using var gate = t.Log.HoldCommits();
        // As the retention purge deletes an ended instance, in the log alone.
        var deleted = t.Log.RawWriteAsync(tx => tx.Execute("DELETE FROM instances WHERE id = $0", id));
        await HeldAsync(gate);
        var reported = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.Queued, CancellationToken.None);
        var restart = t.Engine.RestartAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the restart's write queued behind the delete");
        gate.Release();
        await deleted.WaitAsync(Eventually.DefaultDeadline);

        await Assert.ThrowsAsync<NotFoundException>(() => restart.WaitAsync(Eventually.DefaultDeadline));
        await t.WaitUntilIdleAsync();
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
        Assert.False(reported.IsCompleted);
    }
}
