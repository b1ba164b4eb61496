using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// An instance holds its concurrency slot exactly as long as it runs: it keeps it across a replay of its own code,
/// and a create that finds the instance already there gives back the slot it took.
/// </summary>
public sealed class SlotKeptTests
{
    [Fact]
    public async Task An_instance_replayed_after_a_resume_keeps_its_slot_and_the_queued_one_waits()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(RetryBesideStep), typeof(Gated));
        var id = "held-" + Guid.NewGuid().ToString("N")[..12];
        var probe = Probe.For(id);
        probe.FailuresLeft["flaky"] = 1;
        await t.CreateAsync("retry-beside-step", id: id);
        await probe.WaitReachedAsync("body");
        await t.WaitForLogAsync(id, d => d.Steps.Any(s => s.Name == "flaky" && s.Attempts is { Count: 1 }), "the flaky step to wait for its retry");
        var queued = await t.CreateAsync("gated");
        await Eventually.Until(() => Slots(t).Waiting == 1, "the second instance to wait for the only slot");

        // The pause cuts the retry delay short and holds the step; the resume finds a step held, so the code is replayed.
        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        Assert.Equal(InstanceStatus.Running, await t.Engine.ResumeAsync(TestEngine.Tenant, id));
        await Eventually.Until(() => probe.Count("run"), n => n == 2, "the instance's code to be replayed");

        Assert.Equal("queued", t.Describe(queued).Status);
        Assert.Equal(1, Slots(t).Waiting);

        t.Advance(TimeSpan.FromMinutes(1));
        probe.Open("body");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("flaky,slow", t.Describe(id).Output!.GetValue<string>());
        Probe.For(queued).Open("body");
        await t.WaitForStatusAsync(queued, "complete");
    }

    [Fact]
    public async Task Creating_an_instance_whose_id_exists_gives_back_the_slot_it_took()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(Gated));
        var id = "again-" + Guid.NewGuid().ToString("N")[..12];
        await t.CreateAsync("gated", id: id);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "complete");
        // Out of memory, so the create goes to a new actor, which takes a free slot before it writes.
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).ActiveActors, n => n == 0, "the finished instance to leave memory");

        var again = await t.Engine.CreateAsync(TestEngine.Tenant, "gated", id, null);
        Assert.False(again.Created);
        Assert.Equal("complete", t.Describe(id).Status);

        var next = await t.CreateAsync("gated");
        await Probe.For(next).WaitReachedAsync("body");
        Assert.Equal("running", t.Describe(next).Status);
        Probe.For(next).Open("body");
        await t.WaitForStatusAsync(next, "complete");
    }

    private static ConcurrencySlots Slots(TestEngine t) => t.Runtimes.Runtime(TestEngine.Tenant).Slots;
}
