using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests;

/// <summary>Small helpers over the HTTP API for the functional tests.</summary>
internal static class ApiClient
{
    public static async Task<(string Tenant, HttpClient Client)> NewTenantAsync(HostFixture host, string prefix = "t")
    {
        var tenant = $"{prefix}-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await EnsureAsync(response, HttpStatusCode.Created);
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        return (tenant, host.Client(key));
    }

    public static async Task<JsonObject> DeployAsync(HttpClient client, string tenant, byte[] dll)
    {
        var response = await UploadAsync(client, tenant, dll);
        await EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Uploads <paramref name="dll"/> as a deployment and returns the answer, whatever it is.</summary>
    public static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenant, byte[] dll)
    {
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
    }

    public static async Task<JsonObject> CreateAsync(HttpClient client, string tenant, string workflow, object? parameters, string? id = null, string? wait = null)
    {
        var response = await client.PostAsJsonAsync(
            $"/v1/tenants/{tenant}/workflows/{workflow}/instances{(wait is null ? "" : "?wait=" + wait)}", new { id, @params = parameters });
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> DescribeAsync(HttpClient client, string tenant, string id) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances/{id}"))!;

    public static Task<JsonObject> WaitForStatusAsync(HttpClient client, string tenant, string id, params string[] statuses) =>
        Eventually.UntilAsync(() => DescribeAsync(client, tenant, id), d => statuses.Contains(d["status"]!.GetValue<string>()),
            $"instance {id} to become {string.Join(" or ", statuses)}");

    public static async Task SendEventAsync(HttpClient client, string tenant, string id, string type, object payload)
    {
        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/{id}/events/{type}", payload);
        await EnsureAsync(response, HttpStatusCode.Accepted);
    }

    public static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        if (response.StatusCode != expected)
        {
            throw new HttpRequestException($"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public static async Task<JsonObject> ProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        // The body of an unexpected answer says which refusal it was (its type and detail), not only its status.
        Assert.True(response.StatusCode == expected,
            $"Expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.StartsWith("urn:skein:problem:", problem["type"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem["detail"]?.GetValue<string>()));
        return problem;
    }

    public static JsonSerializerOptions Json { get; } = JsonSerializerOptions.Web;
}
