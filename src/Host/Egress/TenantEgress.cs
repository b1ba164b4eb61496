using System.Net.Http;
using Microsoft.Extensions.Logging;

namespace Skein.Host.Egress;

/// <summary>
/// A tenant's outbound HTTP: its policy and its own <see cref="SocketsHttpHandler"/>. The handler is per tenant
/// because a pooled connection skips the connect callback: shared, it would let one tenant reuse a connection
/// another tenant's allow-list opened. A changed allow-list gets a new handler, so no connection opened under the
/// old policy serves a call the new one refuses.
/// </summary>
internal sealed class TenantEgress(string tenant, EgressOptions options, ILogger logger) : IDisposable
{
    private readonly object _lock = new();
    private EgressPolicy _policy = EgressPolicy.Default;
    private HttpMessageInvoker? _invoker;
    private bool _disposed;

    public EgressPolicy Policy => Volatile.Read(ref _policy);

    /// <summary>Applies the operator's allow-list (already validated).</summary>
    public void SetAllowList(IReadOnlyList<string>? entries)
    {
        var next = EgressPolicy.FromAllowList(entries);
        HttpMessageInvoker? old;
        lock (_lock)
        {
            if (_policy.SameAs(next))
            {
                return;
            }

            Volatile.Write(ref _policy, next);
            old = _invoker;
            _invoker = null;
        }

        old?.Dispose();
    }

    /// <summary>A client for one attempt: its requests end when <paramref name="attempt"/> is cancelled.</summary>
    public HttpClient CreateClient(CancellationToken attempt) =>
        new EgressHttpClient(new AttemptHandler(this, attempt, options.MaxResponseBytes), options);

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Invoker().SendAsync(request, cancellationToken);

    public void Dispose()
    {
        HttpMessageInvoker? invoker;
        lock (_lock)
        {
            _disposed = true;
            invoker = _invoker;
            _invoker = null;
        }

        invoker?.Dispose();
    }

    private HttpMessageInvoker Invoker()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _invoker ??= new HttpMessageInvoker(CreateHandler(_policy), disposeHandler: true);
        }
    }

    private SocketsHttpHandler CreateHandler(EgressPolicy policy) => new()
    {
        // A proxy would make the connect callback judge the proxy's address instead of the target's.
        UseProxy = false,
        AllowAutoRedirect = options.MaxRedirects > 0,
        MaxAutomaticRedirections = Math.Max(1, options.MaxRedirects),
        // Cookies would carry one instance's session into another instance's calls.
        UseCookies = false,
        ConnectTimeout = options.RequestTimeout,
        ConnectCallback = new EgressConnector(tenant, policy, logger).ConnectAsync,
    };
}
