using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Skein.Bench.Http;

/// <summary>The few API calls that set a benchmark up: a tenant with high limits and an uploaded DLL.</summary>
internal static class BenchApi
{
    /// <summary>Limits high enough that neither the rate limiter nor the concurrency limit binds.</summary>
    public static readonly object HighLimits = new { maxCreatesPerSecond = 1_000_000, maxConcurrentInstances = 100_000 };

    /// <summary>Creates a tenant as admin, raises its limits and returns its API key.</summary>
    public static async Task<string> NewTenantAsync(HttpClient admin, string tenant)
    {
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await EnsureAsync(created, HttpStatusCode.Created);
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        var limits = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", HighLimits);
        await EnsureAsync(limits, HttpStatusCode.OK);
        return key;
    }

    /// <summary>Uploads a workflow DLL; returns the new active version.</summary>
    public static async Task<int> DeployAsync(HttpClient client, string tenant, byte[] dll)
    {
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: " +
                await response.Content.ReadAsStringAsync());
        }
    }
}
