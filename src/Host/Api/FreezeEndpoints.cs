using Skein.Host.Api.Document;
using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>Freezing and unfreezing a tenant (DESIGN §4, §7): the operator's side of a move.</summary>
internal static class FreezeEndpoints
{
    public static void MapFreezeEndpoints(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/v1/tenants/{tenant}").WithTags("Tenants").AvailableWhileFrozen();

        tenant.MapPost("/freeze", async (HttpContext http, string tenant, TenantFreezer freezer) =>
        {
            await freezer.FreezeAsync(tenant, http.RequestAborted);
            return Results.Ok(new FreezeResponse(tenant, true));
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Freezing a tenant")).WithName("freezeTenant")
          .Produces<FreezeResponse>().WithSummary("Freeze a tenant (for a move): running step attempts are cancelled as a restore does it, nothing starts, timers stop, "
            + "and its requests answer 503 with Retry-After until it is unfrozen; the state is kept across restarts. "
            + "200 {tenant, frozen: true} once nothing of it runs, also when it was frozen already. A freeze whose client went away before it took effect does nothing.");

        tenant.MapPost("/unfreeze", async (HttpContext http, string tenant, TenantFreezer freezer) =>
        {
            await freezer.UnfreezeAsync(tenant);
            return Results.Ok(new FreezeResponse(tenant, false));
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Unfreezing a tenant")).WithName("unfreezeTenant")
          .Produces<FreezeResponse>().WithSummary("Unfreeze a tenant: its unfinished instances resume and its timers are re-armed, as after a restart. "
            + "200 {tenant, frozen: false}, also when it was not frozen.");
    }
}
