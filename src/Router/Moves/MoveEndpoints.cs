using Skein.Router.Api;

namespace Skein.Router.Moves;

/// <summary>The router's move API (DESIGN §7), guarded by the router's admin key like the rest of its admin API.</summary>
internal static class MoveEndpoints
{
    public static void MapMoveEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1").RequireRouterAdmin();
        // A route of its own, so the forwarding catch-all never takes it to a node.
        admin.MapPost("/tenants/{tenant}/move", (HttpContext http, string tenant, MoveRequests moves) => moves.StartAsync(http, tenant));
        admin.MapGet("/moves", (MoveJournal journal) => journal.All().Select(MoveResponse.Of));
        admin.MapGet("/moves/{id}", (string id, MoveJournal journal) => journal.Find(id) is { } move
            ? Results.Ok(MoveResponse.Of(move))
            : RouterProblem.NotFound($"There is no move '{id}' (GET /v1/moves lists them)."));
    }
}
