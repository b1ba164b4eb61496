using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// Waiting for a concurrency slot is the actor's state, not a message left hanging: the actor keeps handling messages
/// while queued, holds one place in line however often it is woken, and starts when the slot comes as a message.
/// </summary>
public sealed class QueuedActorTests
{
    [Fact]
    public async Task A_queued_instance_handles_wakes_and_events_meanwhile_and_keeps_one_place_in_line()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var (first, second) = await RunningAndQueuedAsync(t);

        Assert.True(await IsQueuedAsync(t, second));
        await Runtime(t).Post(second, async actor =>
        {
            await actor.WakeAsync();
            await actor.EventDeliveredAsync(0, "null", 0);
            return true;
        });
        Assert.Equal(1, Runtime(t).Slots.Waiting);
        Assert.Equal("queued", t.Describe(second).Status);

        Probe.For(first).Open("body");
        await Probe.For(second).WaitReachedAsync("body");
        Assert.False(await IsQueuedAsync(t, second));
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
        Assert.Equal(1, Probe.For(second).Count("slow"));
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, Runtime(t).Slots.Running);
    }

    [Fact]
    public async Task A_start_that_fails_after_its_slot_came_gives_the_slot_back_and_is_tried_again()
    {
        FailingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 },
            inner => resolver = new FailingResolver(inner, failures: 0), typeof(Gated));
        var (first, second) = await RunningAndQueuedAsync(t);

        resolver!.FailNext(1);
        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await Eventually.Until(() => resolver.FailuresLeft == 0, "the queued start to fail once its slot came");
        await t.WaitUntilIdleAsync();
        Assert.Equal("queued", t.Describe(second).Status);
        Assert.Equal(0, Runtime(t).Slots.Running);

        t.Advance(TimeSpan.FromSeconds(5));
        await Probe.For(second).WaitReachedAsync("body");
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, Runtime(t).Slots.Running);
    }

    private static TenantRuntime Runtime(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant);

    private static Task<bool> IsQueuedAsync(TestEngine t, string id) =>
        Runtime(t).Post(id, actor => Task.FromResult(actor.IsQueued));

    private static async Task<(string First, string Second)> RunningAndQueuedAsync(TestEngine t)
    {
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync("gated");
        await Eventually.Until(() => Runtime(t).Slots.Waiting == 1, "the second instance to wait for a slot");
        return (first, second);
    }
}
