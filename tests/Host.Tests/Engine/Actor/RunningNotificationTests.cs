using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// Whoever waits for an instance to be <c>running</c> (the API's <c>?wait=</c>, the status stream) is told when it
/// starts, whether it starts at its creation or later, when a concurrency slot frees.
/// </summary>
public sealed class RunningNotificationTests
{
    [Fact]
    public async Task A_watcher_of_a_new_instance_is_told_it_runs_as_soon_as_it_is_created_with_a_free_slot()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = "fresh-" + Guid.NewGuid().ToString("N")[..12];
        using var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        var running = Runtime(t).Watchers.WaitAsync(id, s => s == InstanceStatus.Running, deadline.Token);

        await t.CreateAsync("gated", id: id);

        // The body is held: nothing else happens to the instance, so only the start can tell the watcher.
        Assert.Equal(InstanceStatus.Running, await running);
        Assert.Equal("running", t.Describe(id).Status);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "complete");
    }

    [Fact]
    public async Task A_watcher_of_a_queued_instance_is_told_it_runs_when_a_slot_frees()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync("gated");
        await Eventually.Until(() => Runtime(t).Slots.Waiting == 1, "the second instance to wait for a slot");
        using var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        var running = Runtime(t).Watchers.WaitAsync(second, s => s == InstanceStatus.Running, deadline.Token);
        Assert.Equal("queued", t.Describe(second).Status);

        Probe.For(first).Open("body");
        await Probe.For(second).WaitReachedAsync("body");

        Assert.Equal(InstanceStatus.Running, await running);
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
    }

    private static TenantRuntime Runtime(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant);
}
