using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using Skein.Router.Forwarding;
using Skein.Router.Moves;
using Skein.Router.Nodes;
using Skein.Router.Placement;
using Skein.Shared;

namespace Skein.Router.Api;

/// <summary>
/// <c>POST /v1/tenants</c> through the router: picks the node by rendezvous hashing over the healthy nodes, forwards
/// the create with the router's key for that node, and records the placement when — and only when — the node
/// answers 201, before the client sees that answer. A tenant already placed goes to its own node (which answers
/// 409), never to a second one. When the placement cannot be recorded (the router's disk is full), the node's answer
/// — with the tenant's only copy of its key — is held back, the tenant is deleted on the node again, and the client
/// is told nothing was created: a tenant the router cannot route to must not be left behind.
/// </summary>
internal sealed partial class TenantCreation(
    TenantForwarder forwarder,
    PlacementStore placements,
    NodeDirectory nodes,
    NodeHealth health,
    MoveNodeCalls calls,
    IOptions<RouterOptions> options,
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
            Exception? notRecorded = null;
            var answer = await forwarder.ForwardToNodeAsync(http, tenant, nodeId, nodes.Find(nodeId)?.AdminKey, placed is not null ? null : status =>
            {
                if (status != StatusCodes.Status201Created)
                {
                    return true;
                }

                try
                {
                    placements.Add(tenant, nodeId);
                }
                catch (Exception error) when (error is SqliteException or IOException)
                {
                    notRecorded = error;
                    return false;
                }

                RouterLog.TenantPlaced(logger, tenant, nodeId);
                return true;
            });
            return notRecorded is null ? answer : await UndoAsync(tenant, nodeId, notRecorded);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes the tenant the node just created, whose placement could not be recorded, and says so.</summary>
    private async Task<IResult> UndoAsync(string tenant, string nodeId, Exception notRecorded)
    {
        var full = DiskFullErrors.Is(notRecorded);
        var why = full
            ? $"the {RouterProblem.RouterDisk(options.Value.DataDir)} is full"
            : $"the router's database failed ({notRecorded.Message})";
        try
        {
            await calls.DeleteAsync(nodeId, tenant, CancellationToken.None);
        }
        catch (Exception error) when (error is HttpRequestException or MoveStepException or TaskCanceledException)
        {
            LogUndoFailed(logger, error, tenant, nodeId);
            return RouterProblem.Problem(StatusCodes.Status500InternalServerError, "tenant-not-placed", "The tenant was created but not placed",
                $"Node '{nodeId}' created tenant '{tenant}', but the router could not record where it is ({why}), and deleting it there " +
                $"again failed too. Once the router can write, point it at the tenant (PUT /v1/placements/{tenant} {{\"node\":\"{nodeId}\"}}) " +
                "and issue the tenant a new key; or delete the tenant on that node.");
        }

        LogUndone(logger, notRecorded, tenant, nodeId);
        var detail = $"Node '{nodeId}' created tenant '{tenant}', but the router could not record where it is ({why}), so the tenant was " +
            "deleted there again: nothing was created. " + (full ? "Free space on that disk (or grow it) and retry." : "Retry.");
        return full
            ? RouterProblem.InsufficientStorage(detail)
            : RouterProblem.Problem(StatusCodes.Status500InternalServerError, "tenant-not-placed", "The tenant was not created", detail);
    }

    [LoggerMessage(EventId = EventIds.TenantCreateUndone, Level = LogLevel.Error,
        Message = "Tenant {Tenant} created on node {Node} was deleted again: its placement could not be recorded")]
    private static partial void LogUndone(ILogger logger, Exception error, string tenant, string node);

    [LoggerMessage(EventId = EventIds.TenantCreateUndoFailed, Level = LogLevel.Critical,
        Message = "Tenant {Tenant} was created on node {Node} but is not placed, and deleting it there failed: point the router at it or delete it on the node")]
    private static partial void LogUndoFailed(ILogger logger, Exception error, string tenant, string node);

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
