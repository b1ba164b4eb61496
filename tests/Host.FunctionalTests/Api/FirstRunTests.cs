using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// What a user runs on the first day: a relative data folder (the default <c>./data</c>) and the demo, including a
/// demo cut short by an earlier failure. The README's exact commands are walked by <c>.ci/readme-tour</c>.
/// </summary>
public sealed class FirstRunTests
{
    private const string AdminKey = "first-run-admin-key-0123456789";

    [Fact]
    public async Task A_relative_data_folder_lands_under_the_content_root_and_accepts_uploads()
    {
        using var root = new TempDataDir();
        await using var app = await StartAsync("--contentRoot=" + root.Path, "--Skein:DataDir=./data", "--Skein:AdminKey=" + AdminKey);
        using var admin = Client(app, AdminKey);

        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = "relative" });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var deployed = await ApiClient.DeployAsync(admin, "relative", SampleTenants.Dll("Samples.OrderSaga"));

        Assert.Equal(1, deployed["version"]!.GetValue<int>());
        Assert.True(File.Exists(Path.Combine(root.Path, "data", "catalog.db")));
        Assert.True(Directory.Exists(Path.Combine(root.Path, "data", "tenants", "relative", "deployments", "1")));
    }

    [Fact]
    public async Task A_demo_cut_short_is_completed_by_the_next_start()
    {
        using var dir = new TempDataDir();
        // An earlier start created the 'demo' tenant and stopped before deploying anything or saving a key.
        await using (var first = await StartAsync("--Skein:DataDir=" + dir.Path, "--Skein:AdminKey=" + AdminKey))
        {
            using var admin = Client(first, AdminKey);
            await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = "demo" }), HttpStatusCode.Created);
        }

        await using var demo = await StartAsync("--Skein:DataDir=" + dir.Path, "--Skein:AdminKey=" + AdminKey, "--Skein:Demo=true");
        using var operatorClient = Client(demo, AdminKey);
        var keysFile = Path.Combine(dir.Path, "demo.json");
        foreach (var tenant in new[] { "demo", "demo-batch", "demo-agent" })
        {
            await Eventually.UntilAsync(
                async () => await ActiveVersionAsync(operatorClient, tenant),
                active => active == 1, $"version 1 of {tenant} active", TimeSpan.FromSeconds(60));
            var keys = await Eventually.Until(
                () => File.Exists(keysFile) ? JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(keysFile))! : [],
                k => k.ContainsKey(tenant), $"a key for {tenant} in demo.json");
            using var tenantClient = Client(demo, keys[tenant]);
            var workflows = await tenantClient.GetAsync($"/v1/tenants/{tenant}/workflows");
            Assert.Equal(HttpStatusCode.OK, workflows.StatusCode);
        }
    }

    /// <summary>The tenant's active version; null while demo setup has not created the tenant yet (404).</summary>
    private static async Task<int?> ActiveVersionAsync(HttpClient client, string tenant)
    {
        using var response = await client.GetAsync($"/v1/tenants/{tenant}/deployments");
        if (response.StatusCode == HttpStatusCode.NotFound)
            return null;
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["active"]?.GetValue<int>();
    }

    private static async Task<WebApplication> StartAsync(params string[] args)
    {
        var app = SkeinHost.Create(["--urls=http://127.0.0.1:0", "--Logging:LogLevel:Default=Warning", .. args]);
        await app.StartAsync();
        return app;
    }

    private static HttpClient Client(WebApplication app, string key)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }
}
