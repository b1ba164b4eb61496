using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A runtime is one incarnation of a tenant: once a restore, a move or a delete stops it, every request still bound to
/// it is refused (503 to retry, or 404 for a deleted tenant), a read that overlapped the stop is discarded, and no
/// message reaches an actor of it any more.
/// </summary>
public sealed class TenantRuntimeStopTests
{
    [Fact]
    public void A_request_bound_to_a_runtime_stopped_for_a_restore_gets_503_and_reads_nothing()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        var read = false;
        var refused = Assert.Throws<TenantUnavailableException>(() => runtime.Read(_ => read = true));
        Assert.Equal("Tenant 't1' was stopped for a restore, a move or a shutdown while this request ran; retry it.", refused.Message);
        Assert.False(read, "the log of a stopped runtime may be the next tenant's file");
        Assert.Throws<TenantUnavailableException>(() => runtime.Resolve(1, "three-steps"));

        t.Runtimes.ReopenTenant(TestEngine.Tenant);
        Assert.NotNull(t.Runtimes.Runtime(TestEngine.Tenant).Resolve(1, "three-steps"));
    }

    [Fact]
    public void A_read_that_overlapped_a_stop_is_discarded()
    {
        using var t = new TestEngine();
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);

        Assert.Throws<TenantUnavailableException>(() => runtime.Read(log =>
        {
            var runnable = log.ListRunnable();
            t.Runtimes.QuiesceTenant(TestEngine.Tenant);
            return runnable;
        }));

        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_request_bound_to_a_deleted_tenant_gets_404_and_the_name_cannot_be_opened_until_the_delete_ends()
    {
        var resolver = default(ForgettingResolver);
        using var t = new TestEngine(new EngineOptions(), inner => resolver = new ForgettingResolver(inner), typeof(ThreeSteps));
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        Assert.Same(runtime, t.Runtimes.TryRuntime(TestEngine.Tenant));

        await t.Runtimes.RemoveTenantAsync(TestEngine.Tenant);

        var refused = Assert.Throws<NotFoundException>(() => runtime.Resolve(1, "three-steps"));
        Assert.Equal("Tenant 't1' was deleted while this request ran.", refused.Message);
        Assert.Equal([TestEngine.Tenant], resolver!.Forgotten);
        Assert.False(Directory.Exists(Skein.Host.Storage.TenantIds.Folder(t.DataDir, TestEngine.Tenant)));
        Assert.Null(t.Runtimes.TryRuntime(TestEngine.Tenant));
        var opening = await Assert.ThrowsAsync<NotFoundException>(() => t.Runtimes.RuntimeAsync(TestEngine.Tenant).AsTask());
        Assert.Equal("Tenant 't1' is being deleted.", opening.Message);

        t.Catalog.RemoveTenant(TestEngine.Tenant);
        t.Runtimes.TenantRemoved(TestEngine.Tenant);
        var missing = await Assert.ThrowsAsync<NotFoundException>(() => t.Runtimes.RuntimeAsync(TestEngine.Tenant).AsTask());
        Assert.Equal("Tenant 't1' does not exist on this node.", missing.Message);
    }

    [Fact]
    public async Task A_stopped_runtime_drops_its_actors_and_runs_no_message_posted_to_it()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        await Probe.For(id).WaitReachedAsync("body");
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        Assert.Equal(1, runtime.ActiveActors);

        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        Assert.Equal(0, runtime.ActiveActors);
        var ran = false;
        Assert.Throws<TenantUnavailableException>(() => { _ = runtime.Post<bool>(id, _ => Task.FromResult(ran = true)); });
        Assert.Throws<TenantUnavailableException>(() => { _ = runtime.PostToNew<bool>("new-one", _ => Task.FromResult(ran = true)); });
        runtime.Post(id, _ =>
        {
            ran = true;
            return Task.CompletedTask;
        });
        Assert.False(ran);
        Assert.Equal(0, runtime.ActiveActors);
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_stopped_runtime_leaves_no_execution_in_the_nodes_cache()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        await Eventually.Until(() => t.Runtimes.Executions.Count == 1, "the waiting instance's execution to be parked");

        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        Assert.Equal(0, t.Runtimes.Executions.Count);
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public void A_frozen_runtime_starts_no_actor_and_ignores_wake_ups()
    {
        using var t = new TestEngine();
        t.Runtimes.FreezeTenant(TestEngine.Tenant);
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);

        Assert.Throws<TenantFrozenException>(() => { _ = runtime.PostToNew<bool>("new-one", _ => Task.FromResult(true)); });
        runtime.Post("new-one", _ => Task.CompletedTask);

        Assert.Equal(0, runtime.ActiveActors);
    }

    [Fact]
    public async Task A_wake_up_that_fails_in_the_engine_is_logged_as_an_error_of_the_instance()
    {
        using var t = new TestEngine();
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);

        runtime.Post("i-1", _ => Task.FromException(new InvalidOperationException("the wake-up failed")));

        var logged = await Eventually.Until(() => t.Logs.Entries.FirstOrDefault(e => e.EventId == EventIds.InstanceExecutionFailed),
            e => e is not null, "the failure to be logged");
        Assert.Equal(LogLevel.Error, logged!.Level);
        Assert.Equal("Instance i-1 of tenant t1 failed in the engine; it will be retried", logged.Message);
        Assert.Equal("the wake-up failed", Assert.IsType<InvalidOperationException>(logged.Exception).Message);
    }

    /// <summary>The usual workflow code, noting which tenants the engine told it to forget.</summary>
    private sealed class ForgettingResolver(IWorkflowResolver inner) : IWorkflowResolver
    {
        private readonly List<string> _forgotten = [];

        public IReadOnlyList<string> Forgotten
        {
            get
            {
                lock (_forgotten)
                {
                    return [.. _forgotten];
                }
            }
        }

        public WorkflowRegistration? ResolveActive(string tenant, string workflow) => inner.ResolveActive(tenant, workflow);

        public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) => inner.ActiveWorkflows(tenant);

        public WorkflowRegistration? Resolve(string tenant, int version, string workflow) => inner.Resolve(tenant, version, workflow);

        public void ForgetTenant(string tenant)
        {
            lock (_forgotten)
            {
                _forgotten.Add(tenant);
            }
        }
    }
}
