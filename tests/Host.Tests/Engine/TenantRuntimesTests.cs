using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Host.Tests.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// The node's side of a tenant's life: a create undone halfway, a restore's stop and reopen (one at a time, resuming
/// what was unfinished, opening nothing for a tenant gone meanwhile), and a frozen tenant deleted.
/// </summary>
public sealed class TenantRuntimesTests
{
    [Fact]
    public void A_tenant_create_undone_halfway_leaves_no_runtime_folder_or_catalog_entry()
    {
        using var t = new TestEngine();
        t.Runtimes.AddTenant("t2");
        var runtime = t.Runtimes.Runtime("t2");

        t.Runtimes.DropNewTenant("t2");

        Assert.True(runtime.IsStopped);
        Assert.False(t.Runtimes.HasTenant("t2"));
        Assert.False(Directory.Exists(TenantIds.Folder(t.DataDir, "t2")));
        Assert.DoesNotContain("t2", t.Catalog.ListTenants());
    }

    [Fact]
    public void A_second_restore_of_a_tenant_being_restored_is_refused_with_409()
    {
        using var t = new TestEngine();
        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        var refused = Assert.Throws<ConflictException>(() => t.Runtimes.QuiesceTenant(TestEngine.Tenant));

        Assert.Equal("Tenant 't1' is being restored already.", refused.Message);
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task A_restore_stops_the_tenants_log_connections_and_the_reopened_tenant_resumes_its_unfinished_instance()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");
        Assert.Equal("running", t.Describe(id).Status);

        t.Runtimes.QuiesceTenant(TestEngine.Tenant);
        await Eventually.Until(() => probe.Count("cancelled") == 1, "the running attempt to be cancelled");
        var log = Path.Combine(TenantIds.Folder(t.DataDir, TestEngine.Tenant), "log.db");
        await Eventually.Until(() => LogDescriptors.Count(log) == 0, "the stopped log's files to be closed");
        probe.Open("body");
        t.Runtimes.ReopenTenant(TestEngine.Tenant);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("done"));
    }

    [Fact]
    public async Task A_restore_that_ends_with_the_tenant_gone_opens_nothing_and_lets_waiting_requests_go()
    {
        using var t = new TestEngine();
        t.Runtimes.AddTenant("t2");
        t.Runtimes.QuiesceTenant("t2");
        var waiting = t.Runtimes.RuntimeAsync("t2").AsTask();
        t.Catalog.RemoveTenant("t2");

        t.Runtimes.ReopenTenant("t2");

        var missing = await Assert.ThrowsAsync<NotFoundException>(() => waiting.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal("Tenant 't2' does not exist on this node.", missing.Message);
        Assert.False(t.Runtimes.HasTenant("t2"));
    }

    [Fact]
    public async Task A_frozen_tenant_deleted_no_longer_counts_as_frozen()
    {
        using var t = new TestEngine();
        t.Runtimes.AddTenant("t2");
        t.Runtimes.FreezeTenant("t2");
        Assert.Equal(1, t.Runtimes.FrozenCount);

        await t.Runtimes.RemoveTenantAsync("t2");
        t.Catalog.RemoveTenant("t2");
        t.Runtimes.TenantRemoved("t2");

        Assert.False(t.Runtimes.IsFrozen("t2"));
        Assert.Equal(0, t.Runtimes.FrozenCount);
    }
}
