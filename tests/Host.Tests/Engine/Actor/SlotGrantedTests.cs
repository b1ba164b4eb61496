using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A queued instance reads itself again when its concurrency slot comes. If it may no longer run (its status moved in
/// the log meanwhile, its code is gone, or a pause withdrew the start), it never runs on that slot: the slot goes to
/// the next instance in line, and the limit holds.
/// </summary>
public sealed class SlotGrantedTests
{
    [Fact]
    public async Task A_slot_granted_to_an_instance_paused_in_the_log_meanwhile_goes_to_the_next_one()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated), typeof(Solo));
        var (first, second) = await RunningAndQueuedAsync(t, "solo");

        // Another writer (a parent's cascade, a restore) moved the queued instance in the log, not through its actor.
        Assert.Equal(InstanceStatus.Queued, await t.Log.TransitionAsync(second, [InstanceStatus.Queued], InstanceStatus.Paused, t.Time.GetUtcNow().ToUnixTimeMilliseconds()));
        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");

        await ANewInstanceRunsOnTheSlotAsync(t);
        Assert.Equal("paused", t.Describe(second).Status);
        Assert.Empty(t.Describe(second).Steps);
        Assert.Equal(0, Probe.For(second).Count("run"));
        Assert.Equal(0, Runtime(t).Slots.Running);
    }

    [Fact]
    public async Task A_slot_granted_to_a_waiting_instance_whose_code_is_gone_errors_it_without_a_failed_start()
    {
        VanishingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1, MaxCachedExecutions = 0 },
            inner => resolver = new VanishingResolver(inner), typeof(Gated), typeof(ParkedListener));
        var waiting = await t.CreateAsync("parked-listener");
        await t.WaitForStatusAsync(waiting, "waiting");
        await t.WaitUntilIdleAsync();
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");

        // The event wakes the waiting instance, which queues for the slot (still "waiting"); then its code goes.
        await t.Engine.SendEventAsync(TestEngine.Tenant, waiting, "go", "\"went\"");
        await Eventually.Until(() => Runtime(t).Slots.Waiting == 1, "the woken instance to wait for the only slot");
        resolver!.Vanish("parked-listener");
        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(waiting, "errored");

        await ANewInstanceRunsOnTheSlotAsync(t);

        Assert.Equal("WorkflowNotFound", t.Describe(waiting).Error!.Name);
        Assert.Equal(1, Probe.For(waiting).Count("run"));
        Assert.DoesNotContain(t.Logs.Entries, e => e.EventId == EventIds.InstanceStartFailed);
        Assert.Equal(0, Runtime(t).Slots.Running);
    }

    [Fact]
    public async Task A_slot_granted_to_an_instance_whose_code_is_gone_errors_it_and_goes_to_the_next_one()
    {
        VanishingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 },
            inner => resolver = new VanishingResolver(inner), typeof(Gated), typeof(Solo));
        var (first, second) = await RunningAndQueuedAsync(t, "solo");

        resolver!.Vanish("solo");
        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await t.WaitForStatusAsync(second, "errored");

        await ANewInstanceRunsOnTheSlotAsync(t);

        Assert.Equal("WorkflowNotFound", t.Describe(second).Error!.Name);
        Assert.Equal(0, Probe.For(second).Count("run"));
        var logged = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.InstanceErrored);
        Assert.Contains($"Instance {second} of tenant t1 errored: WorkflowNotFound: ", logged.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(t.Logs.Entries, e => e.EventId == EventIds.InstanceStartFailed);
        Assert.Equal(0, Runtime(t).Slots.Running);
    }

    [Fact]
    public async Task A_slot_granted_to_an_instance_paused_and_resumed_meanwhile_is_given_back_and_the_limit_holds()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var runtime = Runtime(t);
        var (first, second) = await RunningAndQueuedAsync(t, "gated");

        // The queued instance's actor is kept busy, so the pause and the resume are handled before the slot's message.
        using var entered = new ManualResetEventSlim();
        using var busy = new ManualResetEventSlim();
        var held = runtime.Post(second, _ =>
        {
            entered.Set();
            busy.Wait(Eventually.DefaultDeadline);
            return Task.FromResult(true);
        });
        Assert.True(entered.Wait(Eventually.DefaultDeadline));
        var pause = t.Engine.PauseAsync(runtime, second);
        var resume = t.Engine.ResumeAsync(runtime, second);
        Probe.For(first).Open("body");
        await t.WaitForStatusAsync(first, "complete");
        await Eventually.Until(() => (runtime.Slots.Waiting, runtime.Slots.Running), s => s == (0, 1), "the slot to be granted to the queued instance");
        busy.Set();
        await held;
        Assert.Equal(InstanceStatus.Paused, await pause);
        await resume;

        await Probe.For(second).WaitReachedAsync("body");
        var third = await t.CreateAsync("gated");
        await Eventually.Until(() => runtime.Slots.Waiting == 1, "the third instance to wait for the only slot");
        Assert.Equal("queued", t.Describe(third).Status);

        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
        await Probe.For(third).WaitReachedAsync("body");
        Probe.For(third).Open("body");
        await t.WaitForStatusAsync(third, "complete");
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, runtime.Slots.Running);
    }

    /// <summary>A new gated instance gets the slot and completes: the slot was given back, not leaked.</summary>
    private static async Task ANewInstanceRunsOnTheSlotAsync(TestEngine t)
    {
        var third = await t.CreateAsync("gated");
        await Probe.For(third).WaitReachedAsync("body");
        Probe.For(third).Open("body");
        await t.WaitForStatusAsync(third, "complete");
        await t.WaitUntilIdleAsync();
    }

    private static TenantRuntime Runtime(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant);

    private static async Task<(string First, string Second)> RunningAndQueuedAsync(TestEngine t, string queuedWorkflow)
    {
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync(queuedWorkflow);
        await Eventually.Until(() => Runtime(t).Slots.Waiting == 1, "the second instance to wait for the only slot");
        return (first, second);
    }
}
