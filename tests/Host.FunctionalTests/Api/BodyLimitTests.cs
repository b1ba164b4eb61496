using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// Every endpoint that reads a body refuses one over its limit with 413 ProblemDetails: from the declared
/// Content-Length before reading any of it, and while reading a chunked body. The requests below send only a few
/// bytes (or a little more than the limit), so they get an answer only if the host does not wait for the rest.
/// </summary>
public sealed class BodyLimitTests(HostFixture host) : IClassFixture<HostFixture>
{
    // A tenant with small limits: the create cap is 1 KiB of params plus the envelope, far below Kestrel's 30 MB.
    private const int PayloadLimit = 1024;

    private async Task<(string Tenant, string Key)> SmallTenantAsync()
    {
        var tenant = $"lim-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var key = (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        using var client = host.Client(key);
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        var limits = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { maxPayloadBytes = PayloadLimit, maxUploadBytes = 4096 });
        await ApiClient.EnsureAsync(limits, HttpStatusCode.OK);
        await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "x" }, "i-1");
        return (tenant, key);
    }

    public static TheoryData<string, string, bool, string> Endpoints => new()
    {
        { "POST", "/v1/tenants/{t}/workflows/invoice/instances", false, "application/json" },
        { "POST", "/v1/tenants/{t}/workflows/invoice/instances/batch", false, "application/json" },
        { "POST", "/v1/tenants/{t}/instances/i-1/events/paid", false, "application/json" },
        { "POST", "/v1/tenants/{t}/run/invoice", false, "application/json" },
        { "POST", "/v1/tenants/{t}/instances/i-1/terminate", false, "application/json" },
        { "POST", "/v1/tenants/{t}/instances/i-1/restart", false, "application/json" },
        { "POST", "/v1/tenants/{t}/deployments", false, "application/octet-stream" },
        { "PUT", "/v1/tenants/{t}/limits", true, "application/json" },
        { "POST", "/v1/tenants", true, "application/json" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_declared_length_over_the_limit_is_refused_before_the_body_is_sent(string method, string path, bool admin, string contentType)
    {
        var (tenant, key) = await SmallTenantAsync();
        using var raw = await RawHttp.ConnectAsync(host.BaseAddress);

        await raw.SendHeadAsync(method, path.Replace("{t}", tenant, StringComparison.Ordinal), admin ? HostFixture.AdminKey : key,
            $"Content-Type: {contentType}", "Content-Length: 8000000");
        await raw.SendAsync("{\"par"u8.ToArray());
        var (status, text) = await raw.ReadResponseAsync();

        Assert.Equal(413, status);
        Assert.Contains("application/problem+json", text, StringComparison.Ordinal);
        Assert.Contains("urn:skein:problem:payload-too-large", text, StringComparison.Ordinal);
        Assert.Contains("8000000", text, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task A_chunked_body_is_refused_once_it_passes_the_limit(string method, string path, bool admin, string contentType)
    {
        var (tenant, key) = await SmallTenantAsync();
        using var raw = await RawHttp.ConnectAsync(host.BaseAddress);
        await raw.SendHeadAsync(method, path.Replace("{t}", tenant, StringComparison.Ordinal), admin ? HostFixture.AdminKey : key,
            $"Content-Type: {contentType}", "Transfer-Encoding: chunked");

        // Enough to pass every cap above (the batch's is 100 creates), never the final chunk: only a host that
        // counts while it reads can answer.
        var chunk = new byte[16 * 1024];
        Array.Fill(chunk, (byte)' ');
        try
        {
            for (var sent = 0; sent < 2 * 100 * (PayloadLimit + 16 * 1024) && !raw.HasAnswer; sent += chunk.Length)
            {
                await raw.SendChunkAsync(chunk);
            }
        }
        catch (IOException)
        {
            // The host answered and closed the connection while we were still sending.
        }

        var (status, text) = await raw.ReadResponseAsync();
        Assert.Equal(413, status);
        Assert.Contains("urn:skein:problem:payload-too-large", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_restore_archive_declared_larger_than_MaxArchiveBytes_is_refused_before_it_is_sent()
    {
        var (tenant, _) = await SmallTenantAsync();
        const long PastDefaultArchiveCap = 16L * 1024 * 1024 * 1024 + 1;
        using var raw = await RawHttp.ConnectAsync(host.BaseAddress);

        await raw.SendHeadAsync("POST", $"/v1/tenants/{tenant}/restore", HostFixture.AdminKey,
            "Content-Type: application/zip", $"Content-Length: {PastDefaultArchiveCap}");
        await raw.SendAsync("PK"u8.ToArray());
        var (status, text) = await raw.ReadResponseAsync();

        Assert.Equal(413, status);
        Assert.Contains("urn:skein:problem:payload-too-large", text, StringComparison.Ordinal);
        Assert.Contains($"The archive is {PastDefaultArchiveCap} bytes; this endpoint accepts at most {16L * 1024 * 1024 * 1024}.", text, StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateFiles(host.DataDir, "restore-*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task A_body_within_the_limit_is_still_accepted()
    {
        var (tenant, key) = await SmallTenantAsync();
        using var client = host.Client(key);
        var text = new string('a', PayloadLimit - 20);

        var created = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", new { id = "near-limit", @params = new { text } });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }
}
