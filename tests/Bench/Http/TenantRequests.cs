using System.Net;
using System.Net.Http.Headers;
using Skein.Bench.Plugins;

namespace Skein.Bench.Http;

/// <summary>The requests the HTTP benchmark sends, each returning null on success or what went wrong.</summary>
internal sealed class TenantRequests(HttpClient client, string tenant)
{
    private static readonly MediaTypeHeaderValue JsonType = new("application/json");
    private static readonly byte[] CreateBody = """{"params":1}"""u8.ToArray();
    private static readonly byte[] TriggerBody = "1"u8.ToArray();

    private readonly string _create = $"/v1/tenants/{tenant}/workflows/{TenantDll.Workflow}/instances";
    private readonly string _createAndWait = $"/v1/tenants/{tenant}/workflows/{TenantDll.Workflow}/instances?wait=30s";
    private readonly string _trigger = $"/v1/tenants/{tenant}/run/{TenantDll.TriggerRoute}";

    /// <summary>GET /healthz: the HTTP stack and client alone, for reference.</summary>
    public async Task<string?> HealthAsync()
    {
        using var response = await client.GetAsync("/healthz");
        return await FailureAsync(response, HttpStatusCode.OK, null);
    }

    /// <summary>Creates an instance and waits until it has finished (201 with status complete).</summary>
    public Task<string?> CreateAndWaitAsync() => PostAsync(_createAndWait, CreateBody, HttpStatusCode.Created, "\"status\":\"complete\"");

    /// <summary>Creates an instance and returns once it is durably created (201); it runs afterwards.</summary>
    public Task<string?> CreateAsync() => PostAsync(_create, CreateBody, HttpStatusCode.Created, null);

    /// <summary>Starts the workflow through its HTTP trigger (202); it runs afterwards.</summary>
    public Task<string?> TriggerAsync() => PostAsync(_trigger, TriggerBody, HttpStatusCode.Accepted, null);

    private async Task<string?> PostAsync(string path, byte[] body, HttpStatusCode expected, string? expectedText)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = JsonType;
        using var response = await client.PostAsync(path, content);
        return await FailureAsync(response, expected, expectedText);
    }

    private static async Task<string?> FailureAsync(HttpResponseMessage response, HttpStatusCode expected, string? expectedText)
    {
        var text = await response.Content.ReadAsStringAsync();
        return response.StatusCode == expected && (expectedText is null || text.Contains(expectedText, StringComparison.Ordinal))
            ? null
            : $"{(int)response.StatusCode}: {text}";
    }
}
