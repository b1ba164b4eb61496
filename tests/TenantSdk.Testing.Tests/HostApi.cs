using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.TenantSdk.Testing.Tests;

/// <summary>A tenant on a real host, driven over HTTP, its describes read as the kit's own description types.</summary>
internal sealed class HostApi(HttpClient client, string tenant) : IDisposable
{
    public string Tenant => tenant;

    public HttpClient Client => client;

    public static async Task<HostApi> NewTenantWithKitWorkflowsAsync(HostFixture host)
    {
        var tenant = $"kit-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await EnsureAsync(created, HttpStatusCode.Created);
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        var api = new HostApi(host.Client(key), tenant);
        using var content = new ByteArrayContent(KitWorkflows.Dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        await EnsureAsync(await api.Client.PostAsync($"/v1/tenants/{tenant}/deployments", content), HttpStatusCode.Created);
        return api;
    }

    public async Task<string> StartAsync(string workflow, object? parameters, string id)
    {
        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/{workflow}/instances", new { id, @params = parameters });
        await EnsureAsync(response, HttpStatusCode.Created);
        return id;
    }

    public async Task<InstanceDescription> DescribeAsync(string id) =>
        (await client.GetFromJsonAsync<InstanceDescription>($"/v1/tenants/{tenant}/instances/{id}", JsonSerializerOptions.Web))!;

    public Task<InstanceDescription> WaitForStatusAsync(string id, params string[] statuses) =>
        Eventually.UntilAsync(() => DescribeAsync(id), d => statuses.Contains(d.Status), $"instance {id} to become {string.Join(" or ", statuses)}");

    public async Task SendEventAsync(string id, string type, object? payload) =>
        await EnsureAsync(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/{id}/events/{type}", payload), HttpStatusCode.Accepted);

    public async Task<string> HistoryAsync(string id)
    {
        var response = await client.GetAsync($"/v1/tenants/{tenant}/instances/{id}/history");
        await EnsureAsync(response, HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose() => client.Dispose();

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
