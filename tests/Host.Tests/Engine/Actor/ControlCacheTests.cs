using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A restart or a delete finds a parked instance as if it were not in memory: its parked execution leaves the cache,
/// none of its code runs again (its token does not fire, as with the cache off), and a restarted instance runs its
/// steps again from the log.
/// </summary>
public sealed class ControlCacheTests
{
    [Fact]
    public async Task Restarting_a_parked_instance_drops_its_execution_and_runs_the_steps_again_from_the_log()
    {
        using var t = new TestEngine(typeof(TokenSleeper));
        var id = await ParkedAsync(t);

        Assert.Equal(InstanceStatus.Queued, await t.Engine.RestartAsync(TestEngine.Tenant, id));
        Assert.Equal(0, Probe.For(id).Count("token cancelled"));

        await Eventually.Until(() => Probe.For(id).Count("a"), n => n == 2, "the restarted instance to run its first step again");
        await ParkedAsync(t, id);
        Assert.Equal(2, Probe.For(id).Count("run"));
        Assert.Equal(0, Probe.For(id).Count("token cancelled"));
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        Assert.Equal("complete", t.Describe(id).Status);
    }

    [Fact]
    public async Task Deleting_a_parked_instance_drops_its_execution_from_the_cache()
    {
        using var t = new TestEngine(typeof(TokenSleeper));
        var id = await ParkedAsync(t);

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));

        Assert.Equal(0, t.Runtimes.Executions.Count);
        Assert.Equal(0, t.Runtimes.Executions.Bytes);
        Assert.Equal(0, Probe.For(id).Count("token cancelled"));
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(30));
        Assert.Equal(0, Probe.For(id).Count("token cancelled"));
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, id));
    }

    private static async Task<string> ParkedAsync(TestEngine t, string? id = null)
    {
        id ??= await t.CreateAsync("token-sleeper");
        await t.WaitForStatusAsync(id, "waiting");
        await Eventually.Until(() => t.Runtimes.Executions.Count == 1 && t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running == 0,
            "the sleeping instance's execution to be parked with no slot held");
        return id;
    }
}
