using System.Net.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Egress;

namespace Skein.Host.Tests.Egress;

/// <summary>
/// The client a step gets, against a real listener on 127.0.0.1: every way of naming the node itself is refused
/// before a connection is made, the allow-list opens exactly what it lists, and redirects are checked hop by hop.
/// Addresses outside loopback are only ever refused, never contacted.
/// </summary>
public sealed class OutboundCallTests : IAsyncDisposable
{
    private const string Tenant = "acme";
    private readonly LoopbackServer _server = new(_ => LoopbackServer.Ok("metrics"));
    private readonly TenantEgress _egress = new(Tenant, new EgressOptions(), NullLogger.Instance);

    [Theory]
    [InlineData("http://127.0.0.1:{port}/metrics", "127.0.0.1", "loopback")]
    [InlineData("http://127.1.2.3:{port}/metrics", "127.1.2.3", "loopback")]
    [InlineData("http://localhost:{port}/metrics", "", "loopback")]
    [InlineData("http://[::1]:{port}/metrics", "[::1]", "loopback")]
    [InlineData("http://[::ffff:127.0.0.1]:{port}/metrics", "127.0.0.1", "loopback")]
    [InlineData("http://0.0.0.0:{port}/metrics", "0.0.0.0", "unspecified")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254", "cloud metadata")]
    [InlineData("http://[fd00:ec2::254]/latest/meta-data/", "[fd00:ec2::254]", "cloud metadata")]
    [InlineData("http://10.0.0.1/", "10.0.0.1", "private")]
    [InlineData("http://192.168.1.1:8080/", "192.168.1.1", "private")]
    [InlineData("http://100.64.0.1/", "100.64.0.1", "carrier-grade NAT")]
    [InlineData("http://[fe80::1]/", "[fe80::1]", "link-local")]
    public async Task A_call_to_the_node_or_the_operators_network_is_refused_before_connecting(string url, string address, string range)
    {
        using var http = _egress.CreateClient(CancellationToken.None);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync(url.Replace("{port}", $"{_server.Port}")));

        Assert.Contains($"outbound call to {address}", error.Message, StringComparison.Ordinal);
        Assert.Contains($"refused by the egress policy ({range}); an operator can allow it for this tenant with "
            + $"PUT /v1/tenants/{Tenant}/limits egressAllow", error.Message, StringComparison.Ordinal);
        Assert.IsType<EgressRefusedException>(error.InnerException);
        Assert.Equal(0, _server.Connections);
    }

    [Fact]
    public async Task An_allowed_loopback_port_is_reached_and_another_port_on_the_same_address_is_refused()
    {
        await using var other = new LoopbackServer(_ => LoopbackServer.Ok("other"));
        _egress.SetAllowList([$"127.0.0.1:{_server.Port}"]);
        using var http = _egress.CreateClient(CancellationToken.None);

        var body = await http.GetStringAsync($"http://127.0.0.1:{_server.Port}/metrics");
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{other.Port}/"));

        Assert.Equal("metrics", body);
        Assert.Contains("outbound call to 127.0.0.1 refused by the egress policy (loopback)", refused.Message, StringComparison.Ordinal);
        Assert.Equal(0, other.Connections);
    }

    [Fact]
    public async Task An_allowed_host_name_lets_its_addresses_through()
    {
        _egress.SetAllowList([$"localhost:{_server.Port}"]);
        using var http = _egress.CreateClient(CancellationToken.None);

        Assert.Equal("metrics", await http.GetStringAsync($"http://localhost:{_server.Port}/metrics"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:{target}/metrics", "127.0.0.1")]
    [InlineData("http://[::1]:{target}/metrics", "[::1]")]
    [InlineData("http://localhost:{target}/metrics", "")]
    [InlineData("http://169.254.169.254/latest/meta-data/", "169.254.169.254")]
    public async Task A_redirect_from_an_allowed_server_to_a_refused_address_is_refused(string location, string address)
    {
        await using var target = new LoopbackServer(_ => LoopbackServer.Ok("secret"));
        await using var redirector = new LoopbackServer(_ => LoopbackServer.Redirect(location.Replace("{target}", $"{target.Port}")));
        _egress.SetAllowList([$"127.0.0.1:{redirector.Port}"]);
        using var http = _egress.CreateClient(CancellationToken.None);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{redirector.Port}/"));

        Assert.Contains($"outbound call to {address}", error.Message, StringComparison.Ordinal);
        Assert.Contains("refused by the egress policy", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, redirector.Connections);
        Assert.Equal(0, target.Connections);
    }

    [Fact]
    public async Task A_narrowed_allow_list_also_closes_connections_opened_under_the_old_one()
    {
        _egress.SetAllowList([$"127.0.0.1:{_server.Port}"]);
        using var http = _egress.CreateClient(CancellationToken.None);
        Assert.Equal("metrics", await http.GetStringAsync($"http://127.0.0.1:{_server.Port}/metrics"));

        _egress.SetAllowList(null);

        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{_server.Port}/metrics"));
        Assert.Contains("refused by the egress policy (loopback)", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, _server.Connections);
    }

    [Fact]
    public async Task A_response_over_the_cap_fails_whether_buffered_or_streamed()
    {
        await using var big = new LoopbackServer(path => path == "/sized"
            ? LoopbackServer.Ok(new string('x', 4096))
            : "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n1000\r\n" + new string('y', 4096) + "\r\n0\r\n\r\n");
        using var egress = new TenantEgress(Tenant, new EgressOptions { MaxResponseBytes = 1024 }, NullLogger.Instance);
        egress.SetAllowList([$"127.0.0.1:{big.Port}"]);
        using var http = egress.CreateClient(CancellationToken.None);

        var sized = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetStringAsync($"http://127.0.0.1:{big.Port}/sized"));
        var buffered = await Assert.ThrowsAnyAsync<Exception>(() => http.GetStringAsync($"http://127.0.0.1:{big.Port}/chunked"));
        using var response = await http.GetAsync($"http://127.0.0.1:{big.Port}/chunked", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var streamed = await Assert.ThrowsAsync<HttpRequestException>(() => stream.CopyToAsync(Stream.Null));

        Assert.Contains("is larger than the egress limit of 1024 bytes", sized.Message, StringComparison.Ordinal);
        Assert.Contains("1024", buffered.ToString(), StringComparison.Ordinal);
        Assert.Contains("is larger than the egress limit of 1024 bytes", streamed.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_ends_with_its_attempt()
    {
        await using var silent = new LoopbackServer(_ => "");
        _egress.SetAllowList([$"127.0.0.1:{silent.Port}"]);
        using var attempt = new CancellationTokenSource();
        using var http = _egress.CreateClient(attempt.Token);

        var call = http.GetStringAsync($"http://127.0.0.1:{silent.Port}/slow");
        await Skein.Tests.Common.Eventually.Until(() => silent.Connections, n => n == 1, "the call to connect");
        await attempt.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public void The_client_uses_the_configured_timeout_and_buffer_cap_and_cannot_be_recreated_by_reflection()
    {
        using var egress = new TenantEgress(Tenant, new EgressOptions { RequestTimeout = TimeSpan.FromSeconds(7), MaxResponseBytes = 4096 },
            NullLogger.Instance);
        using var http = egress.CreateClient(CancellationToken.None);

        Assert.Equal(TimeSpan.FromSeconds(7), http.Timeout);
        Assert.Equal(4096, http.MaxResponseContentBufferSize);
        Assert.Throws<MissingMethodException>(() => Activator.CreateInstance(http.GetType()));
    }

    public async ValueTask DisposeAsync()
    {
        _egress.Dispose();
        await _server.DisposeAsync();
    }
}
