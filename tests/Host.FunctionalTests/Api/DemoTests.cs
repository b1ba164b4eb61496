using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>A host started in demo mode, as the README's run command starts it.</summary>
public sealed class DemoHostFixture : HostFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Skein:Demo=true"];
}

public sealed class DemoTests(DemoHostFixture host) : IClassFixture<DemoHostFixture>
{
    [Fact]
    public async Task The_demo_deploys_the_samples_and_its_order_can_be_approved_to_completion()
    {
        var keysFile = Path.Combine(host.DataDir, "demo.json");
        // demo.json gains each tenant's key as that tenant is set up.
        var keys = await Eventually.Until(
            () => File.Exists(keysFile) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(keysFile))! : [],
            k => k.Count == 3, "the three demo tenants' keys", TimeSpan.FromSeconds(60));
        foreach (var (tenant, key) in keys)
        {
            await Eventually.UntilAsync(
                async () => (await host.Client(key).GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/workflows"))!.Count,
                count => count > 0, $"{tenant}'s sample to be deployed", TimeSpan.FromSeconds(60));
        }

        using var demo = host.Client(keys["demo"]);
        using var agent = host.Client(keys["demo-agent"]);

        await ApiClient.CreateAsync(demo, "demo", "order", new { orderId = "order-1", amount = 42, items = new[] { "book" }, coolOffSeconds = 0 }, "order-1");
        await ApiClient.WaitForStatusAsync(demo, "demo", "order-1", "waiting");
        await ApiClient.SendEventAsync(demo, "demo", "order-1", "approval", new { approved = true, by = "you" });
        var done = await ApiClient.WaitForStatusAsync(demo, "demo", "order-1", "complete");
        var answer = await ApiClient.CreateAsync(agent, "demo-agent", "agent", new { goal = "what is 2 + 3" }, wait: "30s");

        Assert.Equal("you", done["output"]!["approvedBy"]!.GetValue<string>());
        Assert.Equal("5", answer["output"]!["answer"]!.GetValue<string>());
        var workflows = await host.Client(keys["demo-batch"]).GetFromJsonAsync<JsonArray>("/v1/tenants/demo-batch/workflows");
        Assert.Equal("batch", workflows![0]!["name"]!.GetValue<string>());
    }
}
