using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace Skein.Router.Nodes;

/// <summary>
/// The one connection pool to the nodes, shared by every forwarded request and the router's own calls. Configured as
/// YARP's docs ask of an <see cref="IHttpForwarder"/> client: no proxy, no redirects, no cookies, no decompression —
/// the router passes exchanges through, it does not take part in them.
/// </summary>
internal sealed class NodeConnections : IDisposable
{
    private readonly SocketsHttpHandler _handler;

    public NodeConnections(IOptions<RouterOptions> options)
    {
        _handler = new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = new ReverseProxyPropagator(DistributedContextPropagator.Current),
            ConnectTimeout = TimeSpan.FromSeconds(15),
        };
        Invoker = new HttpMessageInvoker(_handler, disposeHandler: false);
        Client = new HttpClient(_handler, disposeHandler: false) { Timeout = options.Value.HealthCheckTimeout * 6 };
        Transfers = new HttpClient(_handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>For <see cref="IHttpForwarder"/>.</summary>
    public HttpMessageInvoker Invoker { get; }

    /// <summary>For the router's own calls (the merged tenant list).</summary>
    public HttpClient Client { get; }

    /// <summary>For a move's calls, whose length depends on the tenant's size: the caller bounds them.</summary>
    public HttpClient Transfers { get; }

    public void Dispose()
    {
        Client.Dispose();
        Transfers.Dispose();
        Invoker.Dispose();
        _handler.Dispose();
    }
}
