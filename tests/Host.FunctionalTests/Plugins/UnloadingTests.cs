using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>
/// DESIGN §6: a retired version's load context is collected even after its own types went through the caches that
/// keep types alive (System.Text.Json's, for params, step results, events, results and tenant code's own calls).
/// TypeDescriptor is the other cache named there; the upload scan refuses it in tenant code and the host never hands
/// it a tenant type, so it cannot hold one.
/// </summary>
public sealed class UnloadingTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_version_whose_own_types_went_through_System_Text_Json_is_collected_once_retired()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "typed");
        await ApiClient.DeployAsync(client, tenant, TypedWorkflow.Build(1));
        for (var i = 1; i <= 3; i++)
        {
            var id = $"order-{i}";
            await ApiClient.CreateAsync(client, tenant, "typed", new { id, quantity = i, items = new[] { new { sku = "a", price = 1.5m }, new { sku = "b", price = 2m } } }, id);
            await ApiClient.SendEventAsync(client, tenant, id, "approved", new { by = "ann", extra = new { sku = "gift", price = 0m } });
            var done = await ApiClient.WaitForStatusAsync(client, tenant, id, "complete");
            var output = done["output"]!;
            Assert.Equal(3.5m * i, output["priced"]!["total"]!.GetValue<decimal>());
            Assert.Equal("ann+gift", output["approvedBy"]!.GetValue<string>());
            Assert.Equal($"{{\"Sku\":\"echo\",\"Price\":{3.5m * i}}}", output["echo"]!.GetValue<string>());
            Assert.Equal(1, output["version"]!.GetValue<int>());
        }

        var versions = host.Services.GetRequiredService<LoadedVersions>();
        var original = ContextOf(versions, tenant, 1);

        // Version 1 is neither active nor needed by an unfinished instance once version 2 is deployed.
        await ApiClient.DeployAsync(client, tenant, TypedWorkflow.Build(2));

        Assert.DoesNotContain(1, versions.LoadedVersionsOf(tenant));
        Assert.True(await CollectedAsync(original), "the version 1 load context is still alive after it was retired");
    }

    [Fact]
    public async Task A_version_whose_code_serialized_its_own_types_with_the_default_options_is_collected_once_retired()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "selfjson");
        await ApiClient.DeployAsync(client, tenant, TypedWorkflow.BuildSelfSerializing(1));
        var done = await ApiClient.CreateAsync(client, tenant, "self-serializing", 7, wait: "30s");
        Assert.Equal("{\"Sku\":\"r\",\"Price\":7,\"Version\":1}", done["output"]!.GetValue<string>());
        var versions = host.Services.GetRequiredService<LoadedVersions>();
        var original = ContextOf(versions, tenant, 1);

        await ApiClient.DeployAsync(client, tenant, TypedWorkflow.BuildSelfSerializing(2));

        Assert.DoesNotContain(1, versions.LoadedVersionsOf(tenant));
        Assert.True(await CollectedAsync(original), "the version 1 load context is still alive after it was retired");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static WeakReference ContextOf(LoadedVersions versions, string tenant, int version) =>
        versions.Get(tenant, version)!.Context;

    private static async Task<bool> CollectedAsync(WeakReference reference)
    {
        for (var i = 0; i < 20 && reference.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Yield();
        }

        return !reference.IsAlive;
    }
}
