using System.Collections.Concurrent;
using System.Text.Json;
using Skein.Router.Forwarding;
using Skein.Router.Nodes;
using Skein.Router.Placement;

namespace Skein.Router.Api;

/// <summary>
/// <c>POST /v1/tenants</c> through the router: picks the node by rendezvous hashing over the healthy nodes, forwards
/// the create with the router's key for that node, and records the placement when — and only when — the node
/// answers 201, before the client sees that answer. A tenant already placed goes to its own node (which answers
/// 409), never to a second one.
/// </summary>
internal sealed class TenantCreation(
    TenantForwarder forwarder,
    PlacementStore placements,
    NodeDirectory nodes,
    NodeHealth health,
    ILogger<TenantCreation> logger)
{
    /// <summary>A create is an id and limits: a few hundred bytes (the host's own bound is lower still).</summary>
    private const int MaxBodyBytes = 64 * 1024;

    // One create per id at a time, so two creates of one id cannot land on two nodes (the health of a node may change
    // between them); creates of different ids do not wait for each other, so one slow node holds up only its own.
    // An entry stays per id ever created through this process: creates are operator calls, not a hot path.
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _creating = new(StringComparer.Ordinal);

    public async Task<IResult> CreateAsync(HttpContext http)
    {
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            return TooLarge();
        }

        var body = await ReadBoundedAsync(http.Request.Body, http.RequestAborted);
        if (body is null)
        {
            return TooLarge();
        }

        if (TenantId(body) is not { } tenant)
        {
            return RouterProblem.Invalid("The body must be a JSON object with the new tenant's 'id', e.g. {\"id\":\"acme\"}.");
        }

        var gate = _creating.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(http.RequestAborted);
        try
        {
            var placed = placements.Find(tenant);
            string nodeId;
            if (placed is not null)
            {
                nodeId = placed;
            }
            else
            {
                var healthy = nodes.All.Where(n => health.IsHealthy(n.Id)).Select(n => n.Id).ToList();
                if (healthy.Count == 0)
                {
                    return RouterProblem.Unavailable(http, "no-healthy-node", "No node can take a new tenant",
                        "No configured node is healthy (every /readyz fails or has not answered yet); nothing was created. Retry later.",
                        forwarder.RetryAfter);
                }

                nodeId = RendezvousHash.Pick(tenant, healthy);
            }

            http.Request.Body = new MemoryStream(body, writable: false);
            http.Request.ContentLength = body.Length;
            return await forwarder.ForwardToNodeAsync(http, tenant, nodeId, nodes.Find(nodeId)?.AdminKey, placed is not null ? null : status =>
            {
                if (status == StatusCodes.Status201Created)
                {
                    placements.Add(tenant, nodeId);
                    RouterLog.TenantPlaced(logger, tenant, nodeId);
                }
            });
        }
        finally
        {
            gate.Release();
        }
    }

    private static IResult TooLarge() => RouterProblem.Problem(StatusCodes.Status413PayloadTooLarge, "payload-too-large",
        "Payload too large", $"A tenant create is at most {MaxBodyBytes} bytes of JSON.");

    /// <summary>The body's <c>id</c>, or null when it is not a JSON object with a string id.</summary>
    private static string? TenantId(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String
                && id.GetString() is { Length: > 0 } value ? value : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<byte[]?> ReadBoundedAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
