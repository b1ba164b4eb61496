using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Skein.Host.FunctionalTests.Plugins;

public sealed class PinningRestartTests
{
    [Fact]
    public async Task An_instance_pinned_to_version_1_while_version_2_is_active_finishes_on_version_1_after_a_host_restart()
    {
        await using var node = await RestartableHost.StartAsync();
        const string tenant = "pinned-restart";
        string key;
        using (var admin = node.Client())
        {
            var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
            await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
            key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        }

        using (var before = node.Client(key))
        {
            await ApiClient.DeployAsync(before, tenant, VersionedWorkflow.Build(1));
            await ApiClient.CreateAsync(before, tenant, "pinned", 1, "old");
            await ApiClient.WaitForStatusAsync(before, tenant, "old", "waiting");
            await ApiClient.DeployAsync(before, tenant, VersionedWorkflow.Build(2));
        }

        await node.RestartAsync();

        using var client = node.Client(key);
        await ApiClient.SendEventAsync(client, tenant, "old", "go", new { who = "ann" });
        var old = await ApiClient.WaitForStatusAsync(client, tenant, "old", "complete");
        var fresh = await ApiClient.CreateAsync(client, tenant, "pinned", 0, "new", wait: "30s");

        Assert.Equal("v1 then v1 for ann", old["output"]!.GetValue<string>());
        Assert.Equal(1, old["version"]!.GetValue<int>());
        Assert.Equal("v2 then v2 - -", fresh["output"]!.GetValue<string>());
        Assert.Equal(2, fresh["version"]!.GetValue<int>());
    }
}
