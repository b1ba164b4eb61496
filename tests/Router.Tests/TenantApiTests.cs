using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>A tenant's API through the router answers as the tenant's node answers directly.</summary>
[Collection(RouterCollection.Name)]
public sealed class TenantApiTests(RouterCluster cluster)
{
    [Fact]
    public async Task The_tenant_api_through_the_router_answers_as_the_node_does()
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync("api-1");
        using var router = cluster.Router(tenant.ApiKey);
        using var direct = cluster.Direct(tenant.Node, tenant.ApiKey);

        using var created = await router.PostAsJsonAsync("/v1/tenants/api-1/workflows/ticket/instances",
            new { id = "t-1", @params = new { text = "printer" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(created));

        // The stream is opened through the router while the instance waits: its first events arrive before the
        // instance can end, so the router passes them on as they come rather than when the response completes.
        using var streamResponse = await router.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/v1/tenants/api-1/instances/t-1/stream"),
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, streamResponse.StatusCode);
        Assert.Equal("text/event-stream", streamResponse.Content.Headers.ContentType?.MediaType);
        using var stream = new StreamReader(await streamResponse.Content.ReadAsStreamAsync());
        using var firstDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var firstEvent = await ReadEventAsync(stream, firstDeadline.Token);
        Assert.NotNull(firstEvent);

        await WaitForEventWaitAsync(router, "api-1", "t-1");
        var viaRouter = await router.GetStringAsync("/v1/tenants/api-1/instances/t-1");
        var viaNode = await direct.GetStringAsync("/v1/tenants/api-1/instances/t-1");
        Assert.Equal(viaNode, viaRouter);
        Assert.Equal(await direct.GetStringAsync("/v1/tenants/api-1/instances"), await router.GetStringAsync("/v1/tenants/api-1/instances"));
        Assert.Equal(await direct.GetStringAsync("/v1/tenants/api-1/workflows"), await router.GetStringAsync("/v1/tenants/api-1/workflows"));

        using var sent = await router.PostAsJsonAsync("/v1/tenants/api-1/instances/t-1/events/ack", new { by = "router" });
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(sent));
        var kinds = new List<string>();
        using var endDeadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await ReadEventAsync(stream, endDeadline.Token) is { } kind)
        {
            kinds.Add(kind);
            if (kind == "end")
            {
                break;
            }
        }

        Assert.Equal("end", kinds[^1]);
        var done = await WaitForStatusAsync(router, "api-1", "t-1", "complete");
        Assert.Equal("opened printer acked by router", done.GetProperty("output").GetString());

        // An HTTP trigger, with the query string passed through.
        using var triggered = await router.PostAsJsonAsync("/v1/tenants/api-1/run/tickets?wait=100ms", new { text = "scanner" });
        Assert.Equal(HttpStatusCode.Accepted, triggered.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(triggered));
        var triggeredId = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await WaitForEventWaitAsync(router, "api-1", triggeredId);
        Assert.Equal(await direct.GetStringAsync($"/v1/tenants/api-1/instances/{triggeredId}"),
            await router.GetStringAsync($"/v1/tenants/api-1/instances/{triggeredId}"));

        // A backup (admin: the operator's key, which the hosts share with the router) streams through as a zip.
        using var admin = cluster.Router();
        using var backup = await admin.GetAsync("/v1/tenants/api-1/backup", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, backup.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(backup));
        using var archive = new ZipArchive(new MemoryStream(await backup.Content.ReadAsByteArrayAsync()));
        Assert.Contains(archive.Entries, e => e.FullName == "manifest.json");
    }

    [Fact]
    public async Task A_tenant_key_never_reaches_another_tenant_through_the_router()
    {
        var owner = await cluster.CreateTenantWithTicketsAsync("owner-1");
        var other = await cluster.CreateTenantAsync("other-1");
        using var asOwner = cluster.Router(owner.ApiKey);
        using var asOther = cluster.Router(other.ApiKey);
        using var created = await asOwner.PostAsJsonAsync("/v1/tenants/owner-1/workflows/ticket/instances", new { id = "secret", @params = new { text = "x" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        foreach (var path in new[] { "/v1/tenants/owner-1/instances", "/v1/tenants/owner-1/instances/secret", "/v1/tenants/owner-1/workflows" })
        {
            using var response = await asOther.GetAsync(path);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        // Nor through a Host naming the other tenant: Host and path disagreeing is refused before any node sees it.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tenants/owner-1/instances/secret");
        request.Headers.Host = $"other-1.{RouterCluster.Domain}";
        using var mismatch = await asOther.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, mismatch.StatusCode);
        Assert.Null(RouterApi.Node(mismatch));
        Assert.Equal("urn:skein:problem:tenant-mismatch", (await RouterApi.ProblemAsync(mismatch)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_request_whose_host_names_the_tenant_goes_to_its_node()
    {
        var tenant = await cluster.CreateTenantAsync("hosted-1");
        using var client = cluster.Router(tenant.ApiKey);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/tenants/hosted-1/instances");
        request.Headers.Host = $"Hosted-1.{RouterCluster.Domain}";

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(response));
    }

    [Fact]
    public async Task An_upload_larger_than_kestrels_default_body_limit_reaches_the_node()
    {
        var tenant = await cluster.CreateTenantAsync("large-1");
        using var client = cluster.Router(tenant.ApiKey);
        // 40 MiB: over the 30 MB a Kestrel server accepts by default, under the host's 64 MiB upload limit. The
        // node reads it all and refuses it as not an assembly; the router must not refuse it first.
        using var upload = new ByteArrayContent(new byte[40 * 1024 * 1024]);
        upload.Headers.ContentType = new("application/octet-stream");

        using var response = await client.PostAsync("/v1/tenants/large-1/deployments", upload);

        Assert.Equal(tenant.Node, RouterApi.Node(response));
        Assert.Equal("urn:skein:problem:upload-rejected", (await RouterApi.ProblemAsync(response)).GetProperty("type").GetString());
    }

    private static async Task<string?> ReadEventAsync(StreamReader stream, CancellationToken ct)
    {
        string? kind = null;
        while (await stream.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0 && kind is not null)
            {
                return kind;
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
        }

        return null;
    }

    /// <summary>Waiting for its event (past the sleep): nothing changes until the event is sent, so two reads see one state.</summary>
    private static Task<JsonElement> WaitForEventWaitAsync(HttpClient client, string tenant, string id) =>
        Skein.Tests.Common.Eventually.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/instances/{id}"),
            d => d.GetProperty("status").GetString() == "waiting"
                && d.GetProperty("steps").EnumerateArray().Any(s => s.GetProperty("type").GetString() == "waitForEvent"),
            $"{id} to wait for its event", TimeSpan.FromSeconds(60));

    private static async Task<JsonElement> WaitForStatusAsync(HttpClient client, string tenant, string id, string status) =>
        await Skein.Tests.Common.Eventually.UntilAsync(
            () => client.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant}/instances/{id}"),
            d => d.GetProperty("status").GetString() == status, $"{id} to be {status}", TimeSpan.FromSeconds(60));
}
