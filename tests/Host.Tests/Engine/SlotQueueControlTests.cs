using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Control messages for an instance that is queued behind the tenant's concurrency limit: each takes the instance
/// out of the slot queue at once, so it neither holds a place in line nor runs when a slot frees.
/// </summary>
public sealed class SlotQueueControlTests
{
    [Fact]
    public async Task Pausing_a_queued_instance_leaves_the_slot_queue_and_it_does_not_run_when_a_slot_frees()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var (first, second) = await RunningAndQueuedAsync(t);

        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, second));
        Assert.Equal(0, Slots(t).Waiting);

        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("paused", t.Describe(second).Status);
        Assert.Equal(0, Slots(t).Running);

        Assert.Equal(InstanceStatus.Queued, await t.Engine.ResumeAsync(TestEngine.Tenant, second));
        await Probe.For(second).WaitReachedAsync("body");
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
    }

    [Fact]
    public async Task Terminating_a_queued_instance_leaves_the_slot_queue()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var (first, second) = await RunningAndQueuedAsync(t);

        Assert.Equal(InstanceStatus.Terminated, await t.Engine.TerminateAsync(TestEngine.Tenant, second, rollback: false));
        Assert.Equal(0, Slots(t).Waiting);

        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("terminated", t.Describe(second).Status);
        Assert.Equal(0, Probe.For(second).Count("slow"));
        Assert.Equal(0, Slots(t).Running);
    }

    [Fact]
    public async Task Deleting_a_queued_instance_leaves_the_slot_queue()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var (first, second) = await RunningAndQueuedAsync(t);

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, second));
        Assert.Equal(0, Slots(t).Waiting);

        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, second));
        Assert.Equal(0, Slots(t).Running);
    }

    private static ConcurrencySlots Slots(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant).Slots;

    /// <summary>One instance running (its step body held at the gate), a second one queued for the only slot.</summary>
    private static async Task<(string First, string Second)> RunningAndQueuedAsync(TestEngine t)
    {
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync("gated");
        await Eventually.Until(() => Slots(t).Waiting == 1, "the second instance to wait for a slot");
        Assert.Equal("queued", t.Describe(second).Status);
        return (first, second);
    }
}
