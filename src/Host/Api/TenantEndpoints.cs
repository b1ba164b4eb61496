using Skein.Host.Api.Document;
using Skein.Host.Engine;
using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>Tenants and their keys (DESIGN §4): the operator's endpoints.</summary>
internal static class TenantEndpoints
{
    public static void MapTenantEndpoints(this IEndpointRouteBuilder app)
    {
        var tenants = app.MapGroup("/v1/tenants").WithTags("Tenants");

        tenants.MapPost("", async (HttpContext http, TenantRegistry registry) =>
        {
            var request = await RequestBody.ReadAsync<CreateTenantRequest>(http.Request, BoundedBody.Envelope);
            var (tenant, key, keyId) = registry.Create(request.Id!, request.Limits);
            return Results.Created($"/v1/tenants/{tenant.Id}", new CreatedTenantResponse(tenant.Id, key, keyId));
        }).RequireAccess(AccessPolicy.Operator("Creating a tenant")).WithName("createTenant").JsonBody<CreateTenantRequest>()
          .Produces<CreatedTenantResponse>(StatusCodes.Status201Created).Problems(StatusCodes.Status409Conflict).WithSummary("Create a tenant; its first API key is in the answer, shown once.");

        tenants.MapGet("", (HttpContext http, TenantRegistry registry) =>
        {
            return Results.Ok(registry.List().Select(ToResponse));
        }).RequireAccess(AccessPolicy.Operator("Listing tenants")).WithName("listTenants")
          .Produces<IEnumerable<TenantResponse>>().WithSummary("List the tenants of this node.");

        tenants.MapGet("/{tenant}", (HttpContext http, string tenant, TenantRegistry registry) =>
        {
            return Results.Ok(ToResponse(registry.Find(tenant)!));
        }).RequireAccess(AccessPolicy.Tenant).AvailableWhileFrozen().WithName("getTenant")
          .Produces<TenantResponse>().WithSummary("Show a tenant; \"frozen\": true while it is frozen (a move).");

        tenants.MapDelete("/{tenant}", async (HttpContext http, string tenant, TenantRegistry registry, Backup.BackupStore backups,
            Backup.RestoresInProgress restores) =>
        {
            if (restores.IsRunning(tenant))
            {
                // Also before the tenant exists: a restore creating it would otherwise bring it back after this delete.
                throw new TenantUnavailableException(
                    $"Tenant '{tenant}' is being restored on this node; delete it once the restore has ended (retry after the Retry-After delay).");
            }

            // The delete unloads the tenant's code before it frees the id; unloading by name after it would reach a
            // tenant created under the same id meanwhile.
            await registry.DeleteAsync(tenant);
            // Stored backups outlive the tenant on purpose (a backup exists to undo a delete); say so rather than
            // leave files behind silently.
            var kept = backups.List(tenant);
            return kept.Count == 0 ? Results.NoContent() : Results.Ok(DeletedTenantResponse.Keeping(tenant, kept));
        }).RequireAccess(AccessPolicy.Operator("Deleting a tenant")).AvailableWhileFrozen().WithName("deleteTenant")
          .Produces(StatusCodes.Status204NoContent).Produces<DeletedTenantResponse>()
          .WithSummary("Stop a tenant's instances and delete it with all its data (also while it is frozen); 204, or 200 listing its stored backups, which are kept; 503 with Retry-After while a restore of it runs.");

        tenants.MapPut("/{tenant}/limits", async (HttpContext http, string tenant, TenantRegistry registry) =>
        {
            var limits = await RequestBody.ReadAsync<TenantLimits>(http.Request, BoundedBody.Envelope);
            registry.SetLimits(tenant, limits);
            return Results.Ok(ToResponse(registry.Find(tenant)!));
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Changing limits")).WithName("setTenantLimits").JsonBody<TenantLimits>()
          .Produces<TenantResponse>().WithSummary("Replace a tenant's limits.");

        tenants.MapPost("/{tenant}/keys", (HttpContext http, string tenant, TenantRegistry registry) =>
        {
            var (key, keyId) = registry.IssueKey(tenant);
            return Results.Created($"/v1/tenants/{tenant}/keys/{keyId}", new IssuedKeyResponse(keyId, key));
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Issuing keys")).WithName("issueTenantKey")
          .Produces<IssuedKeyResponse>(StatusCodes.Status201Created).WithSummary("Issue another API key for the tenant (shown once).");

        tenants.MapGet("/{tenant}/keys", (HttpContext http, string tenant, TenantRegistry registry) =>
        {
            return Results.Ok(registry.ListKeys(tenant).Select(k => new KeyResponse(k.Id,
                DateTimeOffset.FromUnixTimeMilliseconds(k.CreatedAt),
                k.RevokedAt is { } revoked ? DateTimeOffset.FromUnixTimeMilliseconds(revoked) : null)));
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Listing keys")).AvailableWhileFrozen().WithName("listTenantKeys")
          .Produces<IEnumerable<KeyResponse>>().WithSummary("List the tenant's keys (ids and dates, never the keys).");

        tenants.MapDelete("/{tenant}/keys/{keyId}", (HttpContext http, string tenant, string keyId, TenantRegistry registry) =>
        {
            registry.RevokeKey(tenant, keyId);
            return Results.NoContent();
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Revoking keys")).WithName("revokeTenantKey")
          .Produces(StatusCodes.Status204NoContent).WithSummary("Revoke a key: it stops working at once.");
    }

    private static TenantResponse ToResponse(TenantState tenant) =>
        new(tenant.Id, DateTimeOffset.FromUnixTimeMilliseconds(tenant.CreatedAt), tenant.ActiveVersion, tenant.Limits, tenant.Frozen);
}
