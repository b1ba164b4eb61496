using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// An instance created while a concurrency slot is free is created and started by one log write (committed
/// <c>running</c>, its history still showing <c>queued</c> then <c>running</c>); without a free slot it is created
/// <c>queued</c> and started by a second write when its slot comes, as before.
/// </summary>
public sealed class StartWriteTests
{
    [Fact]
    public async Task A_create_with_a_free_slot_commits_the_instance_running_in_one_write_and_runs_it()
    {
        using var t = new TestEngine(typeof(Gated));
        await t.CreateAsync("gated", id: "sw-warm");
        await Probe.For("sw-warm").WaitReachedAsync("body");
        var writes = t.Log.Stats.Writes;

        var created = await t.Engine.CreateAsync(TestEngine.Tenant, "gated", "sw-fresh", null);
        await Probe.For("sw-fresh").WaitReachedAsync("body");

        Assert.True(created.Created);
        Assert.Equal(InstanceStatus.Running, created.Status);
        Assert.Equal(created.Instance.CreatedAt, created.Instance.StartedAt);
        Assert.Equal(writes + 1, t.Log.Stats.Writes);
        Assert.Equal(["queued", "running"], Statuses(t, "sw-fresh"));
        Probe.For("sw-fresh").Open("body");
        Probe.For("sw-warm").Open("body");
        await t.WaitForStatusAsync("sw-fresh", "complete");
        Assert.Equal(["queued", "running", "complete"], Statuses(t, "sw-fresh"));
    }

    [Fact]
    public async Task A_create_without_a_free_slot_is_committed_queued_and_started_when_its_slot_comes()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        await t.CreateAsync("gated", id: "sw-first");
        await Probe.For("sw-first").WaitReachedAsync("body");

        var second = await t.Engine.CreateAsync(TestEngine.Tenant, "gated", "sw-second", null);

        Assert.Equal(InstanceStatus.Queued, second.Status);
        Assert.Null(second.Instance.StartedAt);
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Waiting == 1, "the second instance to wait for a slot");
        Assert.Equal("queued", t.Describe("sw-second").Status);
        Probe.For("sw-first").Open("body");
        await Probe.For("sw-second").WaitReachedAsync("body");
        Probe.For("sw-second").Open("body");
        await t.WaitForStatusAsync("sw-second", "complete");
        Assert.Equal(["queued", "running", "complete"], Statuses(t, "sw-second"));
    }

    [Fact]
    public async Task An_instance_committed_running_by_its_create_but_never_started_runs_after_a_restart()
    {
        using var t = new TestEngine(typeof(Gated));
        // What a crash right after the create's commit leaves: the instance running in the log, nothing in memory.
        Assert.True((await t.Log.CreateStartedInstanceAsync(new NewInstance("sw-cut", "gated", 1, "null", t.Time.GetUtcNow().ToUnixTimeMilliseconds()))).Created);

        t.Restart();

        await Probe.For("sw-cut").WaitReachedAsync("body");
        Probe.For("sw-cut").Open("body");
        await t.WaitForStatusAsync("sw-cut", "complete");
        Assert.Equal(["queued", "running", "complete"], Statuses(t, "sw-cut"));
    }

    private static List<string> Statuses(TestEngine t, string id) =>
        [.. t.Log.ReadHistory(id, 0).Where(h => h.Kind == "status")
            .Select(h => System.Text.Json.JsonDocument.Parse(h.Data!).RootElement.GetProperty("status").GetString()!)];
}
