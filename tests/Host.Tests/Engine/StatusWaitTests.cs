using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A wait for an instance's status ends with the status, with the caller's own cancellation, or with the error of the
/// runtime it waited on when that runtime stops.
/// </summary>
public sealed class StatusWaitTests
{
    [Fact]
    public async Task A_wait_for_an_unknown_instance_names_the_id()
    {
        using var t = new TestEngine(typeof(Approval));

        var refused = await Assert.ThrowsAsync<NotFoundException>(() =>
            t.Engine.WaitForStatusAsync(TestEngine.Tenant, "missing", _ => true, CancellationToken.None));

        Assert.Equal("Instance 'missing' does not exist.", refused.Message);
    }

    [Fact]
    public async Task A_wait_on_a_runtime_stopped_for_a_restore_ends_telling_the_caller_to_retry()
    {
        using var t = new TestEngine(typeof(Approval));

        await Assert.ThrowsAsync<TenantUnavailableException>(async () => await StopWhileWaitingAsync(t, caller: null));
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_caller_that_gives_up_as_the_runtime_stops_gets_its_own_cancellation()
    {
        using var t = new TestEngine(typeof(Approval));
        using var caller = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await StopWhileWaitingAsync(t, caller));
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_control_operation_on_an_id_no_instance_can_have_names_the_id()
    {
        using var t = new TestEngine(typeof(Approval));

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.PauseAsync(TestEngine.Tenant, "bad id!"));

        Assert.Equal("Instance 'bad id!' does not exist.", refused.Message);
    }

    /// <summary>
    /// Waits for a waiting instance to complete and stops its runtime meanwhile, as a restore does. With a
    /// <paramref name="caller"/>, the caller gives up as the runtime stops, before the wait sees the stop (a host
    /// shutdown aborts the request and stops the runtime at once); returns how the wait ended.
    /// </summary>
    private static async Task<InstanceStatus?> StopWhileWaitingAsync(TestEngine t, CancellationTokenSource? caller)
    {
        var id = await t.CreateAsync("approval", 60);
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        var waiting = t.Engine.WaitForStatusAsync(runtime, id, s => s == InstanceStatus.Complete, caller?.Token ?? CancellationToken.None);
        using (caller is null ? default : runtime.Stopping.Register(caller.Cancel))
        {
            t.Runtimes.QuiesceTenant(TestEngine.Tenant);
        }

        return await waiting.WaitAsync(Eventually.DefaultDeadline);
    }
}
