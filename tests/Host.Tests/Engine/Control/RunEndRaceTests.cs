using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;
using static Skein.Host.Tests.Engine.Control.HeldWrites;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// A pause or a resume whose write is queued behind the run's own end (complete or errored) held at the commit gate:
/// the instance had finished before the control applied, so the control is refused (409) as it is for any finished
/// instance, and nothing reports a status the log never took.
/// </summary>
public sealed class RunEndRaceTests
{
    [Theory]
    [InlineData(false, "complete")]
    [InlineData(true, "errored")]
    public async Task Pause_queued_behind_the_run_ending_is_a_conflict(bool fail, string final)
    {
        using var t = new TestEngine(typeof(GatedLast));
        var id = await t.CreateAsync("gated-last", fail);
        await Probe.For(id).WaitReachedAsync("body");
        using var gate = await HoldTheWriteAfterStepAsync(t, id, "only");
        var reported = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.WaitingForPause, CancellationToken.None);

        var pause = t.Engine.PauseAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the pause's write queued behind the run's end");
        gate.Release();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => pause.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal(final, refused.Status?.Name);
        await t.WaitUntilIdleAsync();
        Assert.Equal(final, t.Describe(id).Status);
        Assert.Equal(final, Statuses(t, id)[^1]);
        Assert.False(reported.IsCompleted);
    }

    [Fact]
    public async Task Resume_queued_behind_the_run_ending_is_a_conflict()
    {
        using var t = new TestEngine(typeof(GatedLast));
        var id = await t.CreateAsync("gated-last", false);
        await Probe.For(id).WaitReachedAsync("body");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        // The step was the last one: once it ends the run ends, and its end is written before the pause takes effect.
        using var gate = await HoldTheWriteAfterStepAsync(t, id, "only");
        var reported = t.Engine.WaitForStatusAsync(TestEngine.Tenant, id, s => s == InstanceStatus.Queued, CancellationToken.None);

        var resume = t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await QueuedBehindAsync(t, "the resume's write queued behind the run's end");
        gate.Release();

        var refused = await Assert.ThrowsAsync<ConflictException>(() => resume.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal(InstanceStatus.Complete, refused.Status);
        await t.WaitUntilIdleAsync();
        Assert.Equal("complete", t.Describe(id).Status);
        Assert.Equal(["waitingForPause", "complete"], Statuses(t, id).SkipWhile(s => s != "waitingForPause"));
        Assert.Equal(1, Probe.For(id).Count("only"));
        Assert.False(reported.IsCompleted);
    }
}
