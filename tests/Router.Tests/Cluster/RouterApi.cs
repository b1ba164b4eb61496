using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Skein.Router.Tests.Cluster;

/// <summary>Calls the tests make through the router, with the answers checked.</summary>
internal static class RouterApi
{
    public const string NodeHeader = "X-Skein-Node";

    public static async Task<CreatedTenant> CreateTenantAsync(this RouterCluster cluster, string id)
    {
        using var router = cluster.Router();
        using var response = await router.PostAsJsonAsync("/v1/tenants", new { id });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"creating {id}: {(int)response.StatusCode} {body}");
        var key = JsonDocument.Parse(body).RootElement.GetProperty("apiKey").GetString()!;
        return new CreatedTenant(id, key, Node(response)!);
    }

    /// <summary>The tenant with a workflow deployed (<see cref="TicketWorkflow"/>), through the router.</summary>
    public static async Task<CreatedTenant> CreateTenantWithTicketsAsync(this RouterCluster cluster, string id)
    {
        var tenant = await cluster.CreateTenantAsync(id);
        using var client = cluster.Router(tenant.ApiKey);
        using var upload = new ByteArrayContent(TicketWorkflow.Dll);
        upload.Headers.ContentType = new("application/octet-stream");
        using var response = await client.PostAsync($"/v1/tenants/{id}/deployments", upload);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"uploading to {id}: {await response.Content.ReadAsStringAsync()}");
        return tenant;
    }

    public static async Task<Dictionary<string, string>> PlacementsAsync(this RouterCluster cluster)
    {
        using var router = cluster.Router();
        var rows = await router.GetFromJsonAsync<JsonElement>("/v1/placements");
        return rows.EnumerateArray().ToDictionary(r => r.GetProperty("tenant").GetString()!, r => r.GetProperty("node").GetString()!);
    }

    public static string? Node(HttpResponseMessage response) =>
        response.Headers.TryGetValues(NodeHeader, out var values) ? values.Single() : null;

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
