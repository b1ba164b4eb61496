using System.Text.RegularExpressions;
using Skein.Router.Forwarding;
using Skein.Router.Moves;
using Skein.Router.Nodes;
using Skein.Router.Placement;

namespace Skein.Router.Api;

/// <summary>
/// <c>PUT /v1/placements/{tenant}</c> <c>{node}</c>: points a tenant at the node that now holds it — after its node's
/// disk was lost and the tenant was restored from a backup on another node. The router checks with the nodes
/// before it writes: the named node must have the tenant (restore first), and the old node, if it answers, must
/// not (else the tenant would run on two nodes: that is a move). Never done by the router on its own.
/// </summary>
internal sealed partial class PlacementRepoint(
    PlacementStore placements,
    NodeDirectory nodes,
    NodeHealth health,
    MoveJournal journal,
    MoveNodeCalls calls,
    TenantForwarder forwarder,
    ILogger<PlacementRepoint> logger)
{
    public async Task<IResult> PutAsync(HttpContext http, string tenant)
    {
        if (!TenantId().IsMatch(tenant))
        {
            return RouterProblem.Invalid($"'{tenant}' is not a tenant id: 1-63 lower-case letters, digits or '-', starting with a letter or digit.");
        }

        var (request, invalid) = await SmallJsonBody.ReadAsync<RepointRequest>(http, "A placement",
            "The body must be a JSON object naming the node that now holds the tenant, e.g. {\"node\":\"b\"}", "node", r => r.Node);
        if (invalid is not null)
        {
            return invalid;
        }

        var to = request!.Node!;
        if (nodes.Find(to) is not { } target)
        {
            return RouterProblem.Problem(StatusCodes.Status400BadRequest, "unknown-node", "Unknown node",
                $"'node' names node '{to}', which is not in this router's configuration; the nodes are: {string.Join(", ", nodes.All.Select(n => n.Id))}.");
        }

        if (journal.RunningFor(tenant) is { } running)
        {
            return MoveRunning(tenant, running.Id);
        }

        var from = placements.Find(tenant);
        if (from == to)
        {
            return Results.Ok(new PlacementResponse(tenant, to));
        }

        if (!health.IsHealthy(to))
        {
            return NodeUnavailable(http, to, $"Node '{to}' is down or not ready, so the router cannot check that it has tenant '{tenant}'. Nothing was changed: retry later.");
        }

        try
        {
            if (!await calls.HasTenantAsync(to, tenant, http.RequestAborted))
            {
                return RouterProblem.Problem(StatusCodes.Status409Conflict, "tenant-not-on-node", "The node does not have the tenant",
                    $"Node '{to}' does not have tenant '{tenant}': restore it there first (POST {target.Prefix}/v1/tenants/{tenant}/restore " +
                    "with its latest backup archive, the node's admin key), then repeat this request. Nothing was changed.",
                    NodeExtension(to));
            }
        }
        catch (MoveStepException e)
        {
            return NodeUnavailable(http, to, e.Message + " Nothing was changed: retry later.");
        }

        // The old node is asked only when it can answer: a node that is down or gone from the configuration is the
        // reason for this request, and its copy is the operator's to discard before it comes back (docs/operations.md).
        if (from is not null && nodes.Find(from) is not null && health.IsHealthy(from))
        {
            try
            {
                if (await calls.HasTenantAsync(from, tenant, http.RequestAborted))
                {
                    return RouterProblem.Problem(StatusCodes.Status409Conflict, "tenant-still-on-node", "The tenant's node still has it",
                        $"Tenant '{tenant}' is placed on node '{from}', which is up and still has it: pointing the router at '{to}' would " +
                        $"leave it running on two nodes. Move it instead (POST /v1/tenants/{tenant}/move {{\"to\":\"{to}\"}}), or delete it on " +
                        $"'{from}' first. Nothing was changed.", NodeExtension(from));
                }
            }
            catch (MoveStepException e)
            {
                return NodeUnavailable(http, from, e.Message + " Nothing was changed: retry later.");
            }
        }

        if (placements.Repoint(tenant, to) == RepointOutcome.MoveRunning)
        {
            return MoveRunning(tenant, journal.RunningFor(tenant)?.Id);
        }

        RouterLog.PlacementRepointed(logger, tenant, from ?? "(none)", to);
        return Results.Ok(new PlacementResponse(tenant, to));
    }

    private IResult NodeUnavailable(HttpContext http, string node, string detail) =>
        RouterProblem.Unavailable(http, "node-unavailable", "The node is not available", detail, forwarder.RetryAfter, NodeExtension(node));

    private static IResult MoveRunning(string tenant, string? id) =>
        RouterProblem.Problem(StatusCodes.Status409Conflict, "move-running", "A move of the tenant is running",
            $"Tenant '{tenant}' is being moved{(id is null ? "" : $" (move {id}, GET /v1/moves/{id})")}; wait until it is done or failed, then repeat this request. Nothing was changed.",
            id is null ? null : new Dictionary<string, object?> { ["move"] = id });

    private static Dictionary<string, object?> NodeExtension(string node) => new() { ["node"] = node };

    // The host's rule for tenant ids: anything else is no tenant, and must never become a path on a node.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,62}\z")]
    private static partial Regex TenantId();
}
