using System.Net.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Skein.Router.Api;
using Skein.Router.Nodes;
using Skein.Router.Placement;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Model;

namespace Skein.Router.Forwarding;

/// <summary>
/// Sends a tenant's request to the node that holds it, through YARP's <see cref="IHttpForwarder"/> (no route table,
/// no proxy pipeline: the placement lookup is a dictionary read). Bodies stream both ways, unbuffered; a tenant whose
/// node is down, unready or no longer configured answers 503 naming the node — never another node, which does not
/// have its data.
/// </summary>
internal sealed class TenantForwarder(
    IHttpForwarder forwarder,
    NodeConnections connections,
    NodeDirectory nodes,
    NodeHealth health,
    PlacementStore placements,
    InFlightForwards inFlight,
    ForwardTimeouts timeouts,
    IOptions<RouterOptions> options,
    ILogger<TenantForwarder> logger)
{
    private readonly ForwarderRequestConfig _config = new() { ActivityTimeout = options.Value.ActivityTimeout };
    private readonly TimeSpan _activityTimeout = options.Value.ActivityTimeout;
    private readonly string? _domain = options.Value.Domain;

    /// <summary>The retry hint of a 503: by then the health checks have probed the node again.</summary>
    public TimeSpan RetryAfter { get; } = options.Value.HealthCheckInterval;

    /// <summary>The catch-all: everything that is not one of the router's own endpoints.</summary>
    public async Task ForwardAsync(HttpContext http)
    {
        var result = await RouteAsync(http);
        await result.ExecuteAsync(http);
    }

    /// <summary>
    /// Forwards to the node, or answers for it when it cannot take the request. <c>nodeKey</c> replaces the caller's
    /// Authorization (the router's own calls; null passes it through); <c>onAnswer</c> sees the node's status code
    /// before the client does, and returns false to hold the answer back: then nothing is sent, the response is
    /// cleared, and the caller answers.
    /// </summary>
    public async Task<IResult> ForwardToNodeAsync(HttpContext http, string tenant, string nodeId, string? nodeKey, Func<int, bool>? onAnswer)
    {
        var transformer = new NodeTransformer(nodeId, nodeKey, onAnswer, hideRefusedKey: nodeKey is null);
        http.Response.Headers[NodeTransformer.NodeHeader] = nodeId;
        var node = nodes.Find(nodeId);
        if (node is null)
        {
            RouterLog.NodeUnavailable(logger, tenant, nodeId, "not configured");
            return RouterProblem.Unavailable(http, "node-unavailable", "The tenant's node is not available",
                $"Tenant '{tenant}' is placed on node '{nodeId}', which is not in this router's configuration (Router:Nodes). " +
                "Its data is there: add the node back, or move the tenant.", RetryAfter, NodeExtension(nodeId));
        }

        var state = health.Of(nodeId);
        if (state != DestinationHealth.Healthy)
        {
            RouterLog.NodeUnavailable(logger, tenant, nodeId, state.ToString());
            var why = state == DestinationHealth.Unknown ? "has not answered a health check yet" : "is down or not ready (its /readyz fails)";
            return RouterProblem.Unavailable(http, "node-unavailable", "The tenant's node is not available",
                $"Tenant '{tenant}' is on node '{nodeId}', which {why}. Retry later; the router never sends a tenant to another node.",
                RetryAfter, NodeExtension(nodeId));
        }

        // Uploads, restores and backups are as large as the node allows: the node enforces its limits, not the router.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize)
        {
            bodySize.MaxRequestBodySize = null;
        }

        var timeout = timeouts.For(http.Request);
        var config = timeout == _activityTimeout ? _config : _config with { ActivityTimeout = timeout };
        var error = await forwarder.SendAsync(http, node.Prefix, connections.Invoker, config, transformer);
        if (error != ForwarderError.None)
        {
            return Failed(http, tenant, node, error, timeout);
        }

        if (transformer.KeyRefused && !http.Response.HasStarted)
        {
            http.Response.Clear();
            return UnknownTenant(tenant);
        }

        if (transformer.HeldBack)
        {
            http.Response.Clear();
        }

        return Results.Empty;
    }

    private async Task<IResult> RouteAsync(HttpContext http)
    {
        var target = TenantTarget.Resolve(http.Request, _domain);
        if (target.Conflicts)
        {
            return RouterProblem.Problem(StatusCodes.Status400BadRequest, "tenant-mismatch", "Host and path name different tenants",
                $"The Host names tenant '{target.HostTenant}' but the path names tenant '{target.PathTenant}': use one tenant's host and path.");
        }

        if (target.Tenant is not { } tenant)
        {
            return RouterProblem.NotFound(
                $"The router has no endpoint at {http.Request.Method} {http.Request.Path}: tenant requests go to /v1/tenants/{{tenant}}/… " +
                "(or to {tenant}.{Router:Domain}); the router's own are /v1/nodes, /v1/placements, /v1/tenants, /healthz and /readyz.");
        }

        // As on a host, a request without a key is refused whether or not the tenant exists.
        if (string.IsNullOrWhiteSpace(http.Request.Headers.Authorization))
        {
            return RouterProblem.Unauthorized("Send an API key as 'Authorization: Bearer <key>': the operator's admin key or a key of the tenant.");
        }

        // Counted, then the placement read again: a move that switched in between either waits for this request or
        // has it sent to the new node.
        string? nodeId;
        InFlightForwards.Lease lease;
        while (true)
        {
            if ((nodeId = placements.Find(tenant)) is null)
            {
                return UnknownTenant(tenant);
            }

            lease = inFlight.Enter(tenant, nodeId);
            if (placements.Find(tenant) == nodeId)
            {
                break;
            }

            lease.Dispose();
        }

        using var counted = lease;

        // A deleted tenant leaves the placement table once its node confirms the delete.
        Func<int, bool>? onAnswer = target.IsTenantRoot && HttpMethods.IsDelete(http.Request.Method)
            ? status =>
            {
                if (status is >= 200 and < 300)
                {
                    try
                    {
                        placements.Remove(tenant);
                        RouterLog.PlacementRemoved(logger, tenant, nodeId);
                    }
                    catch (Exception error) when (error is SqliteException or IOException)
                    {
                        // The node has deleted the tenant: that is the answer. The placement left behind points at the
                        // node that had it, so a later create of the id goes there and is placed as before.
                        RouterLog.PlacementNotRemoved(logger, error, tenant, nodeId);
                    }
                }

                return true;
            }
            : null;
        return await ForwardToNodeAsync(http, tenant, nodeId, nodeKey: null, onAnswer);
    }

    private IResult Failed(HttpContext http, string tenant, Node node, ForwarderError error, TimeSpan timeout)
    {
        var exception = http.Features.Get<IForwarderErrorFeature>()?.Exception;
        if (ForwardFailure.IsClientSide(error))
        {
            // The client's side failed: it went away (nobody is left to answer), or its body was broken; the node is not to blame.
            RouterLog.ClientGone(logger, http.Request.Method, http.Request.Path, node.Id, error.ToString());
            if (error != ForwarderError.RequestBodyClient || http.Response.HasStarted || http.RequestAborted.IsCancellationRequested)
            {
                return Results.Empty;
            }

            http.Response.Clear();
            return RouterProblem.Invalid($"The request's body could not be read ({exception?.Message}); what reached the node was cut off there. Send it again, whole.");
        }

        RouterLog.ForwardFailed(logger, exception, http.Request.Method, http.Request.Path, node.Id, error.ToString());
        if (http.Response.HasStarted)
        {
            return Results.Empty; // YARP has aborted the half-sent answer, so the client sees it failed
        }

        http.Response.Clear();
        http.Response.Headers[NodeTransformer.NodeHeader] = node.Id;
        if (IsConnectFailure(exception))
        {
            // Nothing reached the node: the same as the health check saying it is down, before the check has noticed.
            return RouterProblem.Unavailable(http, "node-unavailable", "The tenant's node is not available",
                $"Tenant '{tenant}' is on node '{node.Id}', which does not accept connections. Retry later; the router never sends a tenant to another node.",
                RetryAfter, NodeExtension(node.Id));
        }

        return error == ForwarderError.RequestTimedOut
            ? RouterProblem.Problem(StatusCodes.Status504GatewayTimeout, "node-timeout", "The node did not answer in time",
                $"Node '{node.Id}' did not answer within {timeout}; the request may or may not have taken effect.",
                NodeExtension(node.Id))
            : RouterProblem.Problem(StatusCodes.Status502BadGateway, "node-failed", "The node failed to answer",
                $"Node '{node.Id}' failed while handling the request ({error}); it may or may not have taken effect.", NodeExtension(node.Id));
    }

    private static IResult UnknownTenant(string tenant) => RouterProblem.NotFound($"Tenant '{tenant}' does not exist.");

    private static bool IsConnectFailure(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError })
            {
                return true;
            }
        }

        return false;
    }

    private static Dictionary<string, object?> NodeExtension(string nodeId) => new() { ["node"] = nodeId };
}
