using Skein.Router.Nodes;
using Skein.Router.Placement;

namespace Skein.Router.Api;

/// <summary>The router's own admin API (DESIGN §7): its nodes and its placement table.</summary>
internal static class RouterAdminEndpoints
{
    public static RouteGroupBuilder RequireRouterAdmin(this RouteGroupBuilder group) => group.AddEndpointFilter<RouterAdminFilter>();

    public static void MapRouterAdminEndpoints(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/v1").RequireRouterAdmin();
        admin.MapGet("/nodes", (NodeDirectory nodes, NodeHealth health, PlacementStore placements) =>
            nodes.All.Select(n => new NodeResponse(n.Id, n.Prefix, health.IsHealthy(n.Id), placements.CountOn(n.Id))));
        admin.MapGet("/placements", (PlacementStore placements) =>
            placements.All().Select(p => new PlacementResponse(p.Tenant, p.Node)));
        admin.MapPut("/placements/{tenant}", (HttpContext http, string tenant, PlacementRepoint repoint) => repoint.PutAsync(http, tenant));
        admin.MapPost("/tenants", (HttpContext http, TenantCreation creation) => creation.CreateAsync(http));
        admin.MapGet("/tenants", (HttpContext http, TenantListing listing) => listing.ListAsync(http));
    }
}
