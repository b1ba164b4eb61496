using Skein.Router.Api;
using Skein.Router.Forwarding;
using Skein.Router.Nodes;
using Skein.Router.Placement;

namespace Skein.Router.Moves;

/// <summary>
/// <c>POST /v1/tenants/{tenant}/move</c>: checks the request against the placement, the nodes and the journal,
/// records the move (state <c>freezing</c>) and hands it to the <see cref="MoveRunner"/>; 202 with the move.
/// </summary>
internal sealed class MoveRequests(
    PlacementStore placements,
    NodeDirectory nodes,
    NodeHealth health,
    MoveJournal journal,
    MoveNodeCalls calls,
    MoveRunner runner,
    TenantForwarder forwarder,
    ILogger<MoveRequests> logger)
{
    public async Task<IResult> StartAsync(HttpContext http, string tenant)
    {
        var (request, invalid) = await SmallJsonBody.ReadAsync<MoveRequest>(http, "A move request",
            "The body must be a JSON object naming the node to move to, e.g. {\"to\":\"b\"}", "to", r => r.To);
        if (invalid is not null)
        {
            return invalid;
        }

        if (placements.Find(tenant) is not { } from)
        {
            return RouterProblem.NotFound($"Tenant '{tenant}' does not exist.");
        }

        var to = request!.To!;
        if (nodes.Find(to) is null)
        {
            return RouterProblem.Problem(StatusCodes.Status400BadRequest, "unknown-node", "Unknown node",
                $"'to' names node '{to}', which is not in this router's configuration; the nodes are: {string.Join(", ", nodes.All.Select(n => n.Id))}.");
        }

        if (to == from)
        {
            return RouterProblem.Problem(StatusCodes.Status409Conflict, "already-on-node", "The tenant is on that node",
                $"Tenant '{tenant}' is already on node '{to}': nothing to move.");
        }

        if (journal.RunningFor(tenant) is { } running)
        {
            return MoveRunning(tenant, running.Id);
        }

        foreach (var node in new[] { from, to })
        {
            if (nodes.Find(node) is null || !health.IsHealthy(node))
            {
                return RouterProblem.Unavailable(http, "node-unavailable", "A node of the move is not available",
                    $"Node '{node}' is down, not ready or not configured; a move needs both nodes. Nothing was changed: retry later.",
                    forwarder.RetryAfter, new Dictionary<string, object?> { ["node"] = node });
            }
        }

        bool targetHas;
        try
        {
            targetHas = await calls.HasTenantAsync(to, tenant, http.RequestAborted);
        }
        catch (MoveStepException e)
        {
            return RouterProblem.Unavailable(http, "node-unavailable", "A node of the move is not available",
                e.Message + " Nothing was changed: retry later.", forwarder.RetryAfter, new Dictionary<string, object?> { ["node"] = to });
        }

        if (targetHas)
        {
            // A restore there would replace that tenant's state with this one's: never overwrite data the router does not place.
            return RouterProblem.Problem(StatusCodes.Status409Conflict, "tenant-on-target", "The target node already has the tenant",
                $"Node '{to}' already has a tenant '{tenant}' (not placed there by this router); moving would overwrite it. Delete it there first, or move to another node.");
        }

        var move = new Move("mv-" + Guid.NewGuid().ToString("n"), tenant, from, to, MoveStates.Freezing, null, false, null, null, 0);
        if (!journal.TryStart(move))
        {
            return MoveRunning(tenant, journal.RunningFor(tenant)?.Id);
        }

        MoveLog.Accepted(logger, move.Id, tenant, from, to);
        runner.Run(move.Id);
        return Results.Accepted($"/v1/moves/{move.Id}", MoveResponse.Of(move));
    }

    private static IResult MoveRunning(string tenant, string? id) =>
        RouterProblem.Problem(StatusCodes.Status409Conflict, "move-running", "A move of the tenant is running",
            $"Tenant '{tenant}' is being moved already{(id is null ? "" : $" (move {id}, GET /v1/moves/{id})")}; wait until it is done or failed.",
            id is null ? null : new Dictionary<string, object?> { ["move"] = id });

}
