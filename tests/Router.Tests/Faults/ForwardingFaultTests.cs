using System.Net;
using Microsoft.Extensions.Logging;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// What a client sees when the node fails in the middle of an exchange, which a real host cannot be made to do: a
/// node that accepts the request and never answers, one that resets the connection or answers garbage, one that
/// cuts an event stream. Each is a ProblemDetails naming the node, with <c>X-Skein-Node</c>, and logged; a cut
/// stream is cut for the client too, never ended as if complete. And the other side of the activity timeout: a
/// <c>?wait=</c> request and a quiet event stream, silent for longer than it, are not cut.
/// </summary>
public sealed class ForwardingFaultTests
{
    private const string Node = "flaky";
    private const string Tenant = "acme";
    private const int ForwardFailedEvent = 9020;
    private const int ClientGoneEvent = 9260;

    [Fact]
    public async Task A_node_that_never_answers_gets_504_naming_the_node_after_the_activity_timeout()
    {
        await using var node = FakeNode.Start(exchange => exchange.NeverAnswerAsync());
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.GetAsync($"/v1/tenants/{Tenant}/instances");

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        await AssertProblemAsync(response, "urn:skein:problem:node-timeout", $"Node '{Node}' did not answer within 00:00:01");
        AssertLogged(router, "RequestTimedOut");
    }

    [Fact]
    public async Task A_node_that_resets_the_connection_gets_502_naming_the_node()
    {
        await using var node = FakeNode.Start(exchange =>
        {
            exchange.Reset();
            return Task.CompletedTask;
        });
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.PostAsync($"/v1/tenants/{Tenant}/events", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await AssertProblemAsync(response, "urn:skein:problem:node-failed", $"Node '{Node}' failed while handling the request");
        AssertLogged(router, "Request");
    }

    [Fact]
    public async Task A_node_that_answers_garbage_gets_502_naming_the_node()
    {
        await using var node = FakeNode.Start(async exchange => await exchange.WriteAsync("this is not HTTP\r\n\r\n"));
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.GetAsync($"/v1/tenants/{Tenant}/instances");

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        await AssertProblemAsync(response, "urn:skein:problem:node-failed", $"Node '{Node}' failed while handling the request");
        AssertLogged(router, "Request");
    }

    [Fact]
    public async Task An_event_stream_the_node_cuts_is_cut_for_the_client_too_and_logged()
    {
        // The node goes away once the client has the first event: mid-stream, not before the router relayed anything.
        var clientHasFirstEvent = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var node = FakeNode.Start(async exchange =>
        {
            await exchange.StartChunkedAsync("text/event-stream");
            await exchange.WriteChunkAsync("id: 1\nevent: created\ndata: {}\n\n");
            await clientHasFirstEvent.Task.WaitAsync(exchange.Stopping);
            exchange.Reset();
        });
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.GetAsync($"/v1/tenants/{Tenant}/instances/i-1/stream", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Node, RouterApi.Node(response));
        await using var body = await response.Content.ReadAsStreamAsync();
        using var reader = new StreamReader(body);
        Assert.Equal("id: 1", await reader.ReadLineAsync());
        clientHasFirstEvent.SetResult();

        // Not a clean end of the stream: the client knows to reconnect (with Last-Event-ID) rather than think it complete.
        await Assert.ThrowsAnyAsync<IOException>(async () => await reader.ReadToEndAsync());
        await Eventually.Until(() => router.Log.Entries.Any(e => e.Id.Id == ForwardFailedEvent), found => found, "the cut stream to be logged");
        AssertLogged(router, "ResponseBodyDestination");
    }

    [Fact]
    public async Task A_wait_request_may_stay_silent_for_longer_than_the_activity_timeout()
    {
        // Silent for three times the activity timeout, well within the request's wait.
        await using var node = FakeNode.Start(async exchange =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3), exchange.Stopping);
            await exchange.RespondAsync(200, "application/json", "{\"status\":\"completed\"}");
        });
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.PostAsync($"/v1/tenants/{Tenant}/workflows/w/instances?wait=60s", new StringContent("{}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"completed\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_quiet_event_stream_is_not_cut_by_the_activity_timeout()
    {
        await using var node = FakeNode.Start(async exchange =>
        {
            await exchange.StartChunkedAsync("text/event-stream");
            await exchange.WriteChunkAsync("id: 1\nevent: sleeping\ndata: {}\n\n");
            await Task.Delay(TimeSpan.FromSeconds(3), exchange.Stopping);
            await exchange.WriteChunkAsync("id: 2\nevent: end\ndata: {}\n\n");
            await exchange.EndChunkedAsync();
        });
        await using var router = await StartRouterAsync(node);
        using var client = router.Client("tenant-key");

        using var response = await client.GetAsync($"/v1/tenants/{Tenant}/instances/i-1/stream", HttpCompletionOption.ResponseHeadersRead);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("id: 1\nevent: sleeping\ndata: {}\n\nid: 2\nevent: end\ndata: {}\n\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_client_whose_upload_is_broken_gets_400_and_the_node_is_not_blamed()
    {
        await using var node = FakeNode.Start(exchange => exchange.NeverAnswerAsync());
        await using var router = await StartRouterAsync(node);

        // A chunked upload whose second chunk has no valid size: the client's fault, found while streaming to the node.
        using var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(router.Address.Host, router.Address.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(
            $"POST /v1/tenants/{Tenant}/deployments HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer tenant-key\r\n" +
            "Content-Type: application/octet-stream\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\nnot-a-size\r\n"));
        await stream.FlushAsync();
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();

        Assert.StartsWith("HTTP/1.1 400 ", answer, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"urn:skein:problem:invalid-request\"", answer, StringComparison.Ordinal);
        Assert.Contains("The request's body could not be read", answer, StringComparison.Ordinal);
        var entry = Assert.Single(router.Log.Entries, e => e.Id.Id == ClientGoneEvent);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Equal($"Forwarding POST /v1/tenants/{Tenant}/deployments to node {Node} ended early: the client's side failed (RequestBodyClient)", entry.Message);
        Assert.DoesNotContain(router.Log.Entries, e => e.Id.Id == ForwardFailedEvent);
    }

    /// <summary>A router with a one-second activity timeout in front of <paramref name="node"/>, which holds the tenant.</summary>
    private static async Task<InProcessRouter> StartRouterAsync(FakeNode node)
    {
        var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { [Node] = node.Url }, "--Router:ActivityTimeout=00:00:01");
        await router.CreateTenantAsync(Tenant);
        return router;
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string type, string detailStart)
    {
        Assert.Equal(Node, RouterApi.Node(response));
        var problem = await RouterApi.ProblemAsync(response);
        Assert.Equal(type, problem.GetProperty("type").GetString());
        Assert.Equal(Node, problem.GetProperty("node").GetString());
        Assert.StartsWith(detailStart, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    private static void AssertLogged(InProcessRouter router, string error)
    {
        var entry = Assert.Single(router.Log.Entries, e => e.Id.Id == ForwardFailedEvent);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.True(entry.Message.Contains($"to node {Node} failed ({error})", StringComparison.Ordinal), entry.Message + "\n" + entry.Exception);
    }
}
