using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Skein.Bench.Router;

/// <summary>The calls that set the router benchmark up, through a router, with the answers checked.</summary>
internal static class RouterApi
{
    /// <summary>A tenant created through the router with the benchmark's DLL deployed: its key and its node.</summary>
    public static async Task<(string Key, string Node)> NewTenantAsync(Uri router, string tenant, byte[] dll)
    {
        using var admin = BenchCluster.Client(router, BenchCluster.AdminKey);
        using var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        var body = await EnsureAsync(created, HttpStatusCode.Created);
        var key = body["apiKey"]!.GetValue<string>();
        var node = created.Headers.GetValues("X-Skein-Node").Single();
        using var client = BenchCluster.Client(router, key);
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var deployed = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
        await EnsureAsync(deployed, HttpStatusCode.Created);
        return (key, node);
    }

    /// <summary>Creates an instance and waits up to 30 s for it to end; its id.</summary>
    public static async Task<string> CreateAsync(HttpClient client, string tenant, string workflow, object? parameters, bool wait)
    {
        using var response = await client.PostAsJsonAsync(
            $"/v1/tenants/{tenant}/workflows/{workflow}/instances" + (wait ? "?wait=30s" : ""), new { @params = parameters });
        var body = await EnsureAsync(response, HttpStatusCode.Created);
        if (wait && body["status"]?.GetValue<string>() != "complete")
        {
            throw new InvalidOperationException($"{tenant}: instance did not complete: {body.ToJsonString()}");
        }

        return body["id"]!.GetValue<string>();
    }

    /// <summary>How many of the tenant's instances have <paramref name="status"/> (at most 1,000 counted).</summary>
    public static async Task<int> CountAsync(HttpClient client, string tenant, string status)
    {
        var page = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances?status={status}&limit=1000");
        return page!["items"]!.AsArray().Count;
    }

    public static async Task<JsonObject> EnsureAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException(
                $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        }

        return JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>Runs <paramref name="count"/> calls of <paramref name="work"/> (given 0..count-1) on <paramref name="workers"/> workers.</summary>
    public static Task ForEachAsync(int count, int workers, Func<int, Task> work) =>
        Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, _) => await work(i));
}
