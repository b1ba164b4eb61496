using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Host.Tests.Engine.Control;
using Skein.Tests.Common;
using static Skein.Host.Tests.Engine.Control.HeldWrites;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A pause or a resume that finds the instance finished is refused (409) with a message naming the operation and the
/// status (the API's problem <c>detail</c> is this message, see <c>ErrorHandler</c>), also when the instance ended
/// only in the write that fenced the control: the run's end, or a parent's termination, committed just ahead of it.
/// A refusal read from the log writes nothing.
/// </summary>
public sealed class ControlRefusalRaceTests
{
    [Fact]
    public async Task A_pause_of_a_finished_instance_is_refused_without_writing_to_the_log()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");
        await t.WaitUntilIdleAsync();

        // Any write would wait at the gate: the refusal comes from what the pause read.
        using var gate = t.Log.HoldCommits();
        var refused = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.PauseAsync(TestEngine.Tenant, id).WaitAsync(Eventually.DefaultDeadline));

        Assert.Equal($"Cannot pause instance '{id}': it is complete.", refused.Message);
        Assert.Equal(0, gate.BatchesHeld);
        Assert.Equal(0, t.Log.QueuedWrites);
    }

    [Fact]
    public async Task A_pause_queued_behind_the_run_ending_is_refused_naming_the_pause()
    {
        using var t = new TestEngine(typeof(GatedLast));
        var id = await t.CreateAsync("gated-last", false);
        await Probe.For(id).WaitReachedAsync("body");
        using var gate = await HoldTheWriteAfterStepAsync(t, id, "only");

        var pause = t.Engine.PauseAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the pause's write queued behind the run's end");
        gate.Release();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => pause.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal($"Cannot pause instance '{id}': it is complete.", refused.Message);
    }

    [Fact]
    public async Task A_pause_of_a_sleeping_instance_ended_first_in_the_log_is_refused_naming_the_pause()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        // `waiting` is committed before the execution leaves memory: the control must find it gone.
        await t.WaitUntilIdleAsync();
        await t.WaitUntilIdleAsync();
        var told = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.Paused, CancellationToken.None);

        using var gate = t.Log.HoldCommits();
        var ended = EndInLog(t, id);
        await HeldAsync(gate);
        var pause = t.Engine.PauseAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the pause's write queued behind the instance's end");
        gate.Release();
        await ended.WaitAsync(Eventually.DefaultDeadline);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => pause.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal($"Cannot pause instance '{id}': it is terminated.", refused.Message);
        Assert.Equal(InstanceStatus.Terminated, refused.Status);
        await t.WaitUntilIdleAsync();
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.False(told.IsCompleted);
    }

    [Fact]
    public async Task A_resume_of_a_paused_instance_ended_first_in_the_log_is_refused_naming_the_resume()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        // `waiting` is committed before the execution leaves memory: the control must find it gone.
        await t.WaitUntilIdleAsync();
        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        await t.WaitUntilIdleAsync();

        using var gate = t.Log.HoldCommits();
        var ended = EndInLog(t, id);
        await HeldAsync(gate);
        var resume = t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the resume's write queued behind the instance's end");
        gate.Release();
        await ended.WaitAsync(Eventually.DefaultDeadline);

        var refused = await Assert.ThrowsAsync<ConflictException>(() => resume.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal($"Cannot resume instance '{id}': it is terminated.", refused.Message);
        await t.WaitUntilIdleAsync();
        Assert.Equal("terminated", t.Describe(id).Status);
    }
}
