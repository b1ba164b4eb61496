using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>A host that keeps at most two deployment versions loaded.</summary>
public sealed class SmallCacheHostFixture : HostFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Skein:MaxLoadedVersions=2"];
}

public sealed class EvictionTests(SmallCacheHostFixture host) : IClassFixture<SmallCacheHostFixture>
{
    [Fact]
    public async Task Idle_versions_past_the_cap_are_unloaded_and_loaded_again_on_demand()
    {
        var versions = host.Services.GetRequiredService<LoadedVersions>();
        var tenants = new List<(string Tenant, HttpClient Client)>();
        for (var i = 0; i < 3; i++)
        {
            var tenant = await ApiClient.NewTenantAsync(host, "lru");
            await ApiClient.DeployAsync(tenant.Client, tenant.Tenant, VersionedWorkflow.Build(1));
            await ApiClient.CreateAsync(tenant.Client, tenant.Tenant, "pinned", 0, wait: "30s");
            tenants.Add(tenant);
        }

        Assert.True(versions.Count <= 2, $"{versions.Count} versions loaded with a cap of 2");
        Assert.Empty(versions.LoadedVersionsOf(tenants[0].Tenant));

        var again = await ApiClient.CreateAsync(tenants[0].Client, tenants[0].Tenant, "pinned", 0, wait: "30s");
        Assert.Equal("complete", again["status"]!.GetValue<string>());
        Assert.Contains(1, versions.LoadedVersionsOf(tenants[0].Tenant));
    }
}
