using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// With the tenant's concurrency at one, a control gives the instance's concurrency slot (or its place in the queue
/// for one) back: a restart starts the instance over at the back of the queue, and a delete frees the slot for the
/// instance waiting for it.
/// </summary>
public sealed class ControlSlotTests
{
    [Fact]
    public async Task Restarting_a_running_instance_gives_its_slot_to_the_instance_waiting_for_it()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await QueuedAsync(t, waiting: 1);

        Assert.Equal(InstanceStatus.Queued, await t.Engine.RestartAsync(TestEngine.Tenant, first));

        await Probe.For(second).WaitReachedAsync("body");
        Assert.Equal("running", t.Describe(second).Status);
        await Eventually.Until(() => Slots(t).Waiting == 1, "the restarted instance to wait for the slot");
        Assert.Equal("queued", t.Describe(first).Status);
        await FinishAsync(t, second, first);
    }

    [Fact]
    public async Task Restarting_a_queued_instance_puts_it_behind_the_instances_already_waiting()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await QueuedAsync(t, waiting: 1);
        var third = await QueuedAsync(t, waiting: 2);

        Assert.Equal(InstanceStatus.Queued, await t.Engine.RestartAsync(TestEngine.Tenant, second));
        await Eventually.Until(() => Slots(t).Waiting == 2, "the restarted instance to wait for a slot again");
        Probe.For(first).Open("body");

        // A restart is a new start: the third instance, queued before it, gets the slot first.
        await Probe.For(third).WaitReachedAsync("body");
        Assert.Equal("queued", t.Describe(second).Status);
        Assert.Equal(0, Probe.For(second).Count("slow"));
        await FinishAsync(t, third, second);
    }

    [Fact]
    public async Task Deleting_a_running_instance_gives_its_slot_to_the_instance_waiting_for_it()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await QueuedAsync(t, waiting: 1);

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, first));

        await Probe.For(second).WaitReachedAsync("body");
        Assert.Equal("running", t.Describe(second).Status);
        await FinishAsync(t, second);
    }

    private static async Task<string> QueuedAsync(TestEngine t, int waiting)
    {
        var id = await t.CreateAsync("gated");
        await Eventually.Until(() => Slots(t).Waiting == waiting, $"{id} to wait for the only slot");
        Assert.Equal("queued", t.Describe(id).Status);
        return id;
    }

    private static async Task FinishAsync(TestEngine t, params string[] ids)
    {
        foreach (var id in ids)
        {
            Probe.For(id).Open("body");
            await t.WaitForStatusAsync(id, "complete");
        }
    }

    private static ConcurrencySlots Slots(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant).Slots;
}
