using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A pause waits for the steps in flight (<c>waitingForPause</c>); when the host stops before they finish, those steps
/// died with it, so the pause takes effect as the instance comes back: it is <c>paused</c>, nothing of it runs, and a
/// resume runs the step again.
/// </summary>
public sealed class PauseAcrossCrashTests
{
    [Fact]
    public async Task A_pause_still_waiting_for_its_step_when_the_host_stops_takes_effect_at_the_next_start()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");
        Assert.Equal(Skein.Host.Storage.InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        t.Restart();
        await t.WaitForStatusAsync(id, "paused");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("paused", t.Describe(id).Status);
        Assert.Equal(0, probe.Count("slow"));

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        probe.Open("body");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("slow"));
        Assert.Equal(1, probe.Count("done"));
    }
}
