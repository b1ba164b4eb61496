using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A tenant that stops (a restore, a move, a shutdown) leaves nothing of its instances behind: the running one gives
/// its concurrency slot back, the queued one leaves the line, and a parked one is forgotten without running any of
/// its code (its token is not cancelled: it is replayed from the log by the next incarnation).
/// </summary>
public sealed class TenantStopTests
{
    [Fact]
    public async Task A_stopped_tenant_holds_no_slot_and_keeps_no_instance_in_line()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var stopped = t.Runtimes.Runtime(TestEngine.Tenant);
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync("gated");
        await Eventually.Until(() => stopped.Slots.Waiting == 1, "the second instance to wait for the only slot");
        var actors = await Task.WhenAll(ActorAsync(stopped, first), ActorAsync(stopped, second));

        t.Restart();
        foreach (var actor in actors)
        {
            // Queued behind the actor's stop: the stop has run once this has.
            await actor.Scheduler.Run(() => Task.CompletedTask);
        }

        await Eventually.Until(() => (stopped.Slots.Running, stopped.Slots.Waiting), s => s == (0, 0), "the stopped tenant's slots to be free");

        // The next incarnation runs both, in whichever order it recovers them.
        Probe.For(first).Open("body");
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await t.WaitForStatusAsync(second, "complete");
    }

    [Fact]
    public async Task A_stopped_tenant_forgets_a_parked_instance_without_cancelling_its_code()
    {
        using var t = new TestEngine(typeof(ParkedListener));
        var id = await t.CreateAsync("parked-listener");
        await Eventually.Until(() => t.Runtimes.Executions.Count == 1 && t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running == 0,
            "the instance to park in memory");
        var actor = await ActorAsync(t.Runtimes.Runtime(TestEngine.Tenant), id);

        t.Restart();
        await actor.Scheduler.Run(() => Task.CompletedTask);
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"went\"");
        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(0, Probe.For(id).Count("cancelled"));
        Assert.Equal("went", t.Describe(id).Output!.GetValue<string>());
    }

    private static Task<InstanceActor> ActorAsync(TenantRuntime runtime, string id) =>
        runtime.Post(id, Task.FromResult);
}
