using Skein.Host.Storage;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// A wake whose start fails in the engine (the workflow's code could not be loaded) is not lost: the instance stays
/// <c>queued</c>, holds no slot, and is woken again five seconds later, when it runs.
/// </summary>
public sealed class FailedWakeTests
{
    [Fact]
    public async Task A_start_that_fails_to_load_the_code_is_tried_again_five_seconds_later()
    {
        FailingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions(), inner => resolver = new FailingResolver(inner, failures: 1), typeof(ThreeSteps));

        var id = await t.CreateAsync("three-steps");
        await Eventually.Until(() => resolver!.FailuresLeft == 0, "the first start to fail");
        await t.WaitUntilIdleAsync();
        Assert.Equal("queued", t.Describe(id).Status);
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running);

        await t.AdvanceAndSettleAsync(TimeSpan.FromSeconds(4));
        Assert.Equal("queued", t.Describe(id).Status);

        t.Advance(TimeSpan.FromSeconds(1));
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("ABC", t.Describe(id).Output!.GetValue<string>());
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running);
    }

    [Fact]
    public async Task A_replay_after_a_resume_that_fails_to_start_is_tried_again()
    {
        FailingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions(), inner => resolver = new FailingResolver(inner, failures: 0), typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "paused");

        resolver!.FailNext(1);
        Assert.Equal(InstanceStatus.Queued, await t.Engine.ResumeAsync(TestEngine.Tenant, id));
        await Eventually.Until(() => resolver.FailuresLeft == 0, "the resumed start to fail");
        await t.WaitUntilIdleAsync();
        Assert.Equal("queued", t.Describe(id).Status);

        t.Advance(TimeSpan.FromSeconds(5));
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("done"));
    }
}
