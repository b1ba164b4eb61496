using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>
/// Who may do what. A tenant key reaches only its own tenant: another tenant's resources answer 404, exactly as
/// if they did not exist, so a key learns nothing about other tenants.
/// </summary>
internal static class CallerAccess
{
    private const string ItemKey = "skein.caller";

    public static Caller Caller(this HttpContext context)
    {
        if (context.Items[ItemKey] is Caller known)
        {
            return known;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var caller = context.RequestServices.GetRequiredService<TenantRegistry>().Authenticate(key)
            ?? throw ApiException.Unauthorized();
        context.Items[ItemKey] = caller;
        return caller;
    }

    public static void RequireAdmin(this HttpContext context, string what)
    {
        if (!context.Caller().IsAdmin)
        {
            throw ApiException.Forbidden(what);
        }
    }

    /// <summary>The caller may use the tenant's resources and the tenant exists; 404 otherwise.</summary>
    public static void RequireTenant(this HttpContext context, string tenant)
    {
        var caller = context.Caller();
        if (!caller.CanAccess(tenant) || context.RequestServices.GetRequiredService<TenantRegistry>().Find(tenant) is null)
        {
            throw new Engine.NotFoundException($"Tenant '{tenant}' does not exist.");
        }
    }
}
