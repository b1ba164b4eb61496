using Skein.Host.Engine;
using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>
/// Answers 503 with Retry-After to every request of a frozen tenant, on every endpoint with a <c>{tenant}</c> route
/// value unless it carries <see cref="AvailableWhileFrozen"/>, and counts the requests it lets through in
/// <see cref="TenantRequests"/> so a freeze can wait for them. A caller who may not use the tenant is left to the
/// endpoint (401 or 404), so the answer says nothing about another tenant.
/// </summary>
internal static class FrozenTenantGate
{
    public static void UseFrozenTenantGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        // Only tenants this node has are counted: a path naming any other id must not grow the table.
        if (http.GetEndpoint() is not { } endpoint || endpoint.Metadata.GetMetadata<AvailableWhileFrozen>() is not null
            || http.GetRouteValue("tenant") is not string tenant
            || http.RequestServices.GetRequiredService<TenantRegistry>().Find(tenant) is null)
        {
            await next(http);
            return;
        }

        // Entered before the flag is read: a freeze that sets the flag afterwards waits for this request.
        using var lease = http.RequestServices.GetRequiredService<TenantRequests>().Enter(tenant, http.Abort);
        if (http.RequestServices.GetRequiredService<TenantRuntimes>().IsFrozen(tenant) && http.MayUseTenant(tenant))
        {
            throw TenantFrozenException.For(tenant);
        }

        await next(http);
    });

    /// <summary>Lets the endpoint answer while its tenant is frozen.</summary>
    public static TBuilder AvailableWhileFrozen<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(Api.AvailableWhileFrozen.Instance);
}
