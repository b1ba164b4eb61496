using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A fault of the engine's own work (not the workflow's): the instance is not failed for it, it stays running and
/// the engine tries it again five seconds later, replaying it from its log.
/// </summary>
public sealed class EngineFaultRetryTests
{
    [Fact]
    public async Task An_output_that_cannot_be_written_leaves_the_instance_running_and_it_is_tried_again_five_seconds_later()
    {
        using var t = new TestEngine(new Skein.Host.Engine.EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(FragileOutputWorkflow));
        var id = "fragile-" + Guid.NewGuid().ToString("N")[..12];
        var probe = Probe.For(id);
        probe.FailuresLeft[FragileOutput.Failure] = 1;

        await t.CreateAsync("fragile-output", id: id);
        await Eventually.Until(() => probe.Count("run"), n => n == 1, "the workflow to run once");
        await t.WaitUntilIdleAsync();
        Assert.Equal("running", t.Describe(id).Status);
        Assert.Equal(0, probe.FailuresLeft[FragileOutput.Failure]);

        await t.AdvanceAndSettleAsync(TimeSpan.FromSeconds(4));
        Assert.Equal(1, probe.Count("run"));
        Assert.Equal("running", t.Describe(id).Status);
        // The failed run gave its concurrency slot back while it waits for the retry.
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running);

        t.Advance(TimeSpan.FromSeconds(1));
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(2, probe.Count("run"));
        Assert.Equal(1, probe.Count("step"));
        Assert.Equal("ok", t.Describe(id).Output!["value"]!.GetValue<string>());
    }
}
