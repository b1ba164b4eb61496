using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Cache;

/// <summary>
/// Waiting instances keep their workflow code parked in memory (<see cref="ExecutionCache"/>): a wake continues it
/// instead of replaying the history. <c>run</c> counts how often <see cref="AgentLoop"/> ran from the top.
/// </summary>
public sealed class ExecutionCacheTests
{
    [Fact]
    public async Task A_parked_instance_continues_after_its_sleep_and_its_event_without_replaying()
    {
        using var t = new TestEngine(typeof(AgentLoop));
        var id = await t.CreateAsync("agent-loop", 30);
        await WaitParkedAsync(t, id, parked: 1);

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        await WaitParkedAsync(t, id, parked: 1);
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("abgoc", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal(1, Probe.For(id).Count("run"));
        Assert.Equal(0, t.Runtimes.Executions.Count);
    }

    [Fact]
    public async Task With_the_cache_off_every_wake_replays_from_the_log()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 0 }, typeof(AgentLoop));
        var id = await t.CreateAsync("agent-loop", 30);
        await t.WaitForStatusAsync(id, "waiting");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "go"), "the wait for the event");
        await t.WaitForStatusAsync(id, "waiting");
        // `waiting` is committed before the execution leaves memory: an event sent in between is handed to the code
        // in memory (no replay), so the event waits until the engine is idle.
        await t.WaitUntilIdleAsync();
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "go", "\"go\"");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("abgoc", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal(3, Probe.For(id).Count("run"));
        Assert.Equal(0, t.Runtimes.Executions.Count);
    }

    [Fact]
    public async Task Past_its_count_the_cache_evicts_the_least_recently_parked_which_then_replays()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = 1 }, typeof(AgentLoop));
        var first = await t.CreateAsync("agent-loop", 30);
        await WaitParkedAsync(t, first, parked: 1);
        var second = await t.CreateAsync("agent-loop", 30);
        await Eventually.Until(() => t.Runtimes.Executions.Evictions == 1, "the first parked execution to be evicted");
        await WaitParkedAsync(t, second, parked: 1);

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));

        await t.WaitForLogAsync(first, d => d.Steps.Any(s => s.Name == "go"), "the first instance's wait for the event");
        await t.WaitForLogAsync(second, d => d.Steps.Any(s => s.Name == "go"), "the second instance's wait for the event");
        Assert.Equal(2, Probe.For(first).Count("run"));
        Assert.Equal(1, Probe.For(second).Count("run"));
    }

    [Fact]
    public async Task An_execution_larger_than_the_byte_bound_is_not_parked()
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutionBytes = 16 }, typeof(AgentLoop));
        var id = await t.CreateAsync("agent-loop", 30);
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();
        Assert.Equal(0, t.Runtimes.Executions.Count);

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "go"), "the wait for the event");
        Assert.Equal(2, Probe.For(id).Count("run"));
    }

    [Fact]
    public async Task A_wake_that_finds_no_free_slot_queues_the_instance_and_replays_it_once_a_slot_frees()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(AgentLoop), typeof(Gated));
        var sleeper = await t.CreateAsync("agent-loop", 1);
        await WaitParkedAsync(t, sleeper, parked: 1);
        var busy = await t.CreateAsync("gated");
        await Probe.For(busy).WaitReachedAsync("body");

        // Less than the gated step's 10-minute timeout, which would fail its attempt.
        t.Advance(TimeSpan.FromMinutes(1));
        // An instance queued for a slot is work in hand, so the engine is not idle: wait for the queue instead.
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Waiting == 1, "the woken sleeper to queue for a slot");
        Assert.Equal(0, t.Runtimes.Executions.Count);
        Assert.Equal("waiting", t.Describe(sleeper).Status);

        Probe.For(busy).Open("body");
        await t.WaitForStatusAsync(busy, "complete");
        await t.WaitForLogAsync(sleeper, d => d.Steps.Any(s => s.Name == "go"), "the sleeper's wait for the event");
        Assert.Equal(2, Probe.For(sleeper).Count("run"));
    }

    [Fact]
    public async Task Pausing_a_parked_instance_drops_its_execution_and_a_resume_replays_it()
    {
        using var t = new TestEngine(typeof(AgentLoop));
        var id = await t.CreateAsync("agent-loop", 30);
        await WaitParkedAsync(t, id, parked: 1);

        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        Assert.Equal(0, t.Runtimes.Executions.Count);
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        Assert.Equal("paused", t.Describe(id).Status);

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "go"), "the wait for the event");
        Assert.Equal(2, Probe.For(id).Count("run"));
    }

    [Fact]
    public async Task Removing_a_tenant_drops_its_parked_executions()
    {
        using var t = new TestEngine(typeof(AgentLoop));
        var id = await t.CreateAsync("agent-loop", 30);
        await WaitParkedAsync(t, id, parked: 1);

        await t.Runtimes.RemoveTenantAsync(TestEngine.Tenant);

        // Its actors stop on their own schedulers, each dropping its parked execution.
        await Eventually.Until(() => t.Runtimes.Executions.Count == 0, "the removed tenant's parked execution to be dropped");
    }

    /// <summary>Waits until the instance is <c>waiting</c> with its execution parked and its slot given back.</summary>
    private static async Task WaitParkedAsync(TestEngine t, string id, int parked)
    {
        await t.WaitForStatusAsync(id, "waiting");
        await Eventually.Until(() => t.Runtimes.Executions.Count == parked && t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running == 0,
            $"{parked} execution(s) to be parked with no slot held");
    }
}
