using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// Whoever waits on an instance's status (the API's <c>?wait=</c> and the status stream, through
/// <see cref="WorkflowEngine.WaitForStatusAsync(TenantRuntime, string, Func{InstanceStatus?, bool}, CancellationToken)"/>)
/// and started waiting before a control is told the status the control wrote, without polling: the instance is not
/// running, so nothing else would tell it.
/// </summary>
public sealed class ControlNotificationTests
{
    [Theory]
    [InlineData("paused")]
    [InlineData("terminated")]
    public async Task A_watcher_of_a_sleeping_instance_is_told_the_status_a_pause_or_terminate_wrote(string control)
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await SleepingAsync(t);
        var expected = control == "paused" ? InstanceStatus.Paused : InstanceStatus.Terminated;
        var told = StatusWatch.Start(t, id, s => s == expected);

        var answered = control == "paused"
            ? await t.Engine.PauseAsync(TestEngine.Tenant, id)
            : await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        Assert.Equal(expected, answered);
        Assert.Equal(expected, await told);
    }

    [Fact]
    public async Task A_watcher_of_a_restarted_instance_that_must_wait_for_a_slot_is_told_it_is_queued()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, typeof(ThreeSteps), typeof(Gated));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");
        var busy = await t.CreateAsync("gated");
        await Probe.For(busy).WaitReachedAsync("body");
        var told = StatusWatch.Start(t, id, s => s != InstanceStatus.Complete);

        Assert.Equal(InstanceStatus.Queued, await t.Engine.RestartAsync(TestEngine.Tenant, id));

        // The only slot is taken: the instance stays queued, so only the restart can tell the watcher.
        Assert.Equal(InstanceStatus.Queued, await told);
        Assert.Equal("queued", t.Describe(id).Status);
        Probe.For(busy).Open("body");
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["a", "b", "c", "a", "b", "c"], Probe.For(id).Effects);
    }

    [Fact]
    public async Task A_watcher_of_a_deleted_instance_is_told_it_is_gone()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await SleepingAsync(t);
        var told = StatusWatch.Start(t, id, s => s is null);

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));

        Assert.Null(await told);
    }

    private static async Task<string> SleepingAsync(TestEngine t)
    {
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        // `waiting` is committed before the execution leaves memory: the control must find it gone.
        await t.WaitUntilIdleAsync();
        return id;
    }
}
