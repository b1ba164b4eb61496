using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>The node catalog, read back through a reopened file: what each change leaves, and what it leaves alone.</summary>
public sealed class CatalogTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_tenant_is_added_once_and_listed_in_id_order_with_what_was_recorded()
    {
        var catalog = Catalog.Open(_dir.Path);

        Assert.True(catalog.AddTenant("t-b", 20, """{"maxInstances":5}"""));
        Assert.True(catalog.AddTenant("t-a", 10));
        Assert.False(catalog.AddTenant("t-b", 99, "{}"));

        var reopened = Catalog.Open(_dir.Path);
        Assert.Equal(["t-a", "t-b"], reopened.ListTenants());
        Assert.Equal(
            [new TenantRecord("t-a", 10, null, null), new TenantRecord("t-b", 20, """{"maxInstances":5}""", null)],
            reopened.ListTenantRecords());
        Assert.Equal(new TenantRecord("t-b", 20, """{"maxInstances":5}""", null), reopened.FindTenant("t-b"));
        Assert.Null(reopened.FindTenant("t-c"));
    }

    [Fact]
    public void Freezing_is_recorded_per_tenant_and_refused_for_an_unknown_one()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1);
        catalog.AddTenant("t-b", 1);
        catalog.AddTenant("t-c", 1);

        Assert.True(catalog.SetFrozen("t-c", true));
        Assert.True(catalog.SetFrozen("t-a", true));
        Assert.False(catalog.SetFrozen("t-x", true));
        Assert.Equal(["t-a", "t-c"], catalog.ListFrozen());
        Assert.True(catalog.FindTenant("t-a")!.Frozen);
        Assert.False(catalog.FindTenant("t-b")!.Frozen);

        Assert.True(catalog.SetFrozen("t-a", false));
        Assert.Equal(["t-c"], catalog.ListFrozen());
        Assert.False(catalog.FindTenant("t-a")!.Frozen);
    }

    [Fact]
    public void Limits_are_set_and_cleared_for_one_tenant_only()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1);
        catalog.AddTenant("t-b", 1, "{\"b\":1}");

        catalog.SetLimits("t-a", "{\"a\":1}");
        Assert.Equal("{\"a\":1}", catalog.FindTenant("t-a")!.LimitsJson);
        Assert.Equal("{\"b\":1}", catalog.FindTenant("t-b")!.LimitsJson);

        catalog.SetLimits("t-a", null);
        Assert.Null(catalog.FindTenant("t-a")!.LimitsJson);
        Assert.Equal("{\"b\":1}", catalog.FindTenant("t-b")!.LimitsJson);
    }

    [Fact]
    public void Keys_are_listed_in_creation_order_and_a_revoked_key_is_revoked_once_and_has_no_usable_hash()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1);
        catalog.AddTenant("t-b", 1);
        catalog.AddKey("k2", "t-a", "hash-2", 200);
        catalog.AddKey("k1", "t-a", "hash-1", 100);
        catalog.AddKey("kb", "t-b", "hash-b", 50);

        Assert.True(catalog.RevokeKey("t-a", "k2", 300));
        Assert.False(catalog.RevokeKey("t-a", "k2", 400));
        Assert.False(catalog.RevokeKey("t-a", "kb", 400));

        Assert.Equal([new ApiKeyRecord("k1", "t-a", 100, null), new ApiKeyRecord("k2", "t-a", 200, 300)], catalog.ListKeys("t-a"));
        Assert.Equal([("k1", "hash-1", 100L, (long?)null), ("k2", "hash-2", 200L, (long?)300)], catalog.ListKeysWithHashes("t-a"));
        Assert.Equal(["hash-1"], catalog.ListKeyHashes("t-a"));
        Assert.Equal(["hash-b"], catalog.ListKeyHashes("t-b"));
    }

    [Fact]
    public void A_deployment_becomes_the_active_version_and_versions_are_numbered_per_tenant()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1);
        catalog.AddTenant("t-b", 1);
        Assert.Equal(1, catalog.NextVersion("t-a"));

        catalog.AddDeployment(Deployment("t-a", 1));
        catalog.AddDeployment(Deployment("t-a", 2));
        catalog.AddDeployment(Deployment("t-b", 1));

        Assert.Equal(3, catalog.NextVersion("t-a"));
        Assert.Equal(2, catalog.NextVersion("t-b"));
        Assert.Equal(2, catalog.FindTenant("t-a")!.ActiveVersion);
        Assert.Equal([1, 2], catalog.ListDeployments("t-a").Select(d => d.Version));
        var found = catalog.FindDeployment("t-a", 1)!;
        Assert.Equal(("t-a", 1, "sha-t-a-1", "Entry1.dll", 1000L), (found.Tenant, found.Version, found.Sha256, found.Entry, found.UploadedAt));
        Assert.Equal([new DeployedWorkflow("w1", "T.W1"), new DeployedWorkflow("w2", "T.W2")], found.Workflows);
        Assert.Null(catalog.FindDeployment("t-a", 3));

        Assert.True(catalog.Activate("t-a", 1));
        Assert.Equal(1, catalog.FindTenant("t-a")!.ActiveVersion);
        Assert.False(catalog.Activate("t-a", 7));
        Assert.Equal(1, catalog.FindTenant("t-a")!.ActiveVersion);
        Assert.Equal(1, catalog.FindTenant("t-b")!.ActiveVersion);
    }

    [Fact]
    public void Removing_a_tenant_removes_its_keys_and_deployments_and_nothing_of_another_tenant()
    {
        var catalog = Catalog.Open(_dir.Path);
        foreach (var t in new[] { "t-a", "t-b" })
        {
            catalog.AddTenant(t, 1);
            catalog.AddKey("key-" + t, t, "hash-" + t, 1);
            catalog.AddDeployment(Deployment(t, 1));
        }

        Assert.True(catalog.RemoveTenant("t-a"));
        Assert.False(catalog.RemoveTenant("t-a"));

        Assert.Equal(["t-b"], catalog.ListTenants());
        Assert.Empty(catalog.ListKeys("t-a"));
        Assert.Empty(catalog.ListDeployments("t-a"));
        // Added again, the tenant starts with nothing of its old self.
        catalog.AddTenant("t-a", 2);
        Assert.Empty(catalog.ListKeyHashes("t-a"));
        Assert.Equal(1, catalog.NextVersion("t-a"));
        Assert.Equal(["hash-t-b"], catalog.ListKeyHashes("t-b"));
        Assert.Equal([1], catalog.ListDeployments("t-b").Select(d => d.Version));
    }

    [Fact]
    public void Restoring_a_new_tenant_creates_it_with_its_keys_deployments_limits_and_active_version()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.RestoreTenant("t-a", 5, "{\"l\":1}", [Deployment("t-a", 1), Deployment("t-a", 3)], 3,
            [("k1", "hash-1", 10, null), ("k2", "hash-2", 20, 30)]);

        Assert.Equal(new TenantRecord("t-a", 5, "{\"l\":1}", 3), catalog.FindTenant("t-a"));
        Assert.Equal([1, 3], catalog.ListDeployments("t-a").Select(d => d.Version));
        Assert.Equal([new ApiKeyRecord("k1", "t-a", 10, null), new ApiKeyRecord("k2", "t-a", 20, 30)], catalog.ListKeys("t-a"));
        Assert.Equal([new DeployedWorkflow("w1", "T.W1"), new DeployedWorkflow("w2", "T.W2")], catalog.FindDeployment("t-a", 3)!.Workflows);
    }

    [Fact]
    public void Restoring_an_existing_tenant_keeps_its_keys_and_replaces_its_deployments_limits_and_active_version()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1, "{\"old\":1}");
        catalog.AddKey("mine", "t-a", "hash-mine", 1);
        catalog.AddDeployment(Deployment("t-a", 1));
        catalog.AddDeployment(Deployment("t-a", 2));
        catalog.AddTenant("t-b", 1);
        catalog.AddDeployment(Deployment("t-b", 1));

        catalog.RestoreTenant("t-a", 99, null, [Deployment("t-a", 1)], 1, [("theirs", "hash-theirs", 5, null)]);
        // Idempotent: a restore cut short runs it again.
        catalog.RestoreTenant("t-a", 99, null, [Deployment("t-a", 1)], 1, [("theirs", "hash-theirs", 5, null)]);

        Assert.Equal(new TenantRecord("t-a", 1, null, 1), catalog.FindTenant("t-a"));
        Assert.Equal(["hash-mine"], catalog.ListKeyHashes("t-a"));
        Assert.Equal([1], catalog.ListDeployments("t-a").Select(d => d.Version));
        Assert.Equal([1], catalog.ListDeployments("t-b").Select(d => d.Version));
        Assert.Equal(1, catalog.FindTenant("t-b")!.ActiveVersion);
    }

    [Fact]
    public void Restoring_with_no_active_version_clears_it()
    {
        var catalog = Catalog.Open(_dir.Path);
        catalog.AddTenant("t-a", 1);
        catalog.AddDeployment(Deployment("t-a", 1));

        catalog.RestoreTenant("t-a", 1, null, [], null);

        Assert.Null(catalog.FindTenant("t-a")!.ActiveVersion);
        Assert.Empty(catalog.ListDeployments("t-a"));
    }

    [Fact]
    public void Opening_creates_a_data_folder_that_does_not_exist_yet()
    {
        var folder = Path.Combine(_dir.Path, "new", "data");

        var catalog = Catalog.Open(folder);

        Assert.True(catalog.AddTenant("t-a", 1));
        Assert.Equal(["t-a"], Catalog.Open(folder).ListTenants());
    }

    [Fact]
    public void A_catalog_of_a_newer_skein_is_refused_naming_the_catalog_and_its_version()
    {
        using (var connection = SqliteDatabase.OpenPrivate(Path.Combine(_dir.Path, "catalog.db"), create: true))
        {
            SqliteDatabase.Execute(connection, "PRAGMA user_version = 99;");
        }

        var error = Assert.Throws<SchemaVersionException>(() => Catalog.Open(_dir.Path));

        Assert.StartsWith("The node catalog has schema version 99", error.Message);
    }

    [Fact]
    public void A_catalog_not_opened_yet_refuses_reads_and_writes()
    {
        var catalog = new Catalog(new DataFolder(_dir.Path));

        Assert.Equal("The node catalog has not been opened yet.", Assert.Throws<InvalidOperationException>(catalog.ListTenants).Message);
        Assert.Throws<InvalidOperationException>(() => catalog.AddTenant("t-a", 1));
    }

    private static DeploymentRecord Deployment(string tenant, int version) =>
        new(tenant, version, $"sha-{tenant}-{version}", $"Entry{version}.dll", [new("w1", "T.W1"), new("w2", "T.W2")], 1000L * version);
}
