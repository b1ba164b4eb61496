using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Skein.Router.Forwarding;

namespace Skein.Router.Tests.Unit;

/// <summary>The silence a forwarded request is allowed: longer for a <c>?wait=</c> request and for an event stream.</summary>
public sealed class ForwardTimeoutsTests
{
    private static readonly ForwardTimeouts Timeouts = new(Options.Create(new RouterOptions
    {
        ActivityTimeout = TimeSpan.FromSeconds(10),
        StreamActivityTimeout = TimeSpan.FromHours(2),
    }));

    [Theory]
    [InlineData("GET", "/v1/tenants/acme/instances", "", 10)]
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=30s", 40)]
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=2m", 130)]
    [InlineData("POST", "/v1/tenants/acme/triggers/orders", "?wait=45", 55)]
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=500ms", 10.5)]
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=5m", 310)]
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=6m", 10)] // the host refuses it at once
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=soon", 10)] // the host refuses it at once
    [InlineData("POST", "/v1/tenants/acme/workflows/w/instances", "?wait=30s%0A", 10)] // a trailing newline: the host refuses it too
    [InlineData("GET", "/v1/tenants/acme/instances/i-1/stream", "", 7200)]
    [InlineData("GET", "/v1/tenants/acme/instances/i-1/stream", "?cursor=12", 7200)]
    [InlineData("POST", "/v1/tenants/acme/instances/i-1/stream", "", 10)]
    public void The_limit_depends_on_what_the_request_waits_for(string method, string path, string query, double seconds)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        http.Request.Path = path;
        http.Request.QueryString = new QueryString(query);

        Assert.Equal(TimeSpan.FromSeconds(seconds), Timeouts.For(http.Request));
    }

    [Fact]
    public void A_request_asking_for_an_event_stream_gets_the_stream_limit()
    {
        var http = new DefaultHttpContext();
        http.Request.Method = "GET";
        http.Request.Path = "/v1/tenants/acme/some/feed";
        http.Request.Headers.Accept = "text/event-stream";

        Assert.Equal(TimeSpan.FromHours(2), Timeouts.For(http.Request));
    }
}
