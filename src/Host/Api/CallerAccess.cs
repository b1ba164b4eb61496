using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>
/// Who may do what. A tenant key reaches only its own tenant: another tenant's resources answer 404, exactly as
/// if they did not exist, so a key learns nothing about other tenants.
/// </summary>
internal static class CallerAccess
{
    private const string ItemKey = "skein.caller";

    public static Caller Caller(this HttpContext context) => context.AuthenticatedCaller() ?? throw ApiException.Unauthorized();

    /// <summary>The caller its key names, or null without a valid key (the endpoint then answers 401).</summary>
    public static Caller? AuthenticatedCaller(this HttpContext context)
    {
        if (context.Items[ItemKey] is Caller known)
        {
            return known;
        }

        var header = context.Request.Headers.Authorization.ToString();
        var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
        var caller = context.RequestServices.GetRequiredService<TenantRegistry>().Authenticate(key);
        context.Items[ItemKey] = caller;
        return caller;
    }

    /// <summary>Whether the caller may use the tenant's resources and the tenant exists, without answering for it.</summary>
    public static bool MayUseTenant(this HttpContext context, string tenant) =>
        context.AuthenticatedCaller() is { } caller && caller.CanAccess(tenant)
        && context.RequestServices.GetRequiredService<TenantRegistry>().Find(tenant) is not null;

    public static void RequireAdmin(this HttpContext context, string what)
    {
        if (!context.Caller().IsAdmin)
        {
            throw ApiException.Forbidden(what);
        }
    }

    /// <summary>
    /// The caller may use the tenant's resources and the tenant exists: 401 without a valid key (whether or not the
    /// tenant exists), 404 otherwise.
    /// </summary>
    public static void RequireTenant(this HttpContext context, string tenant)
    {
        _ = context.Caller();
        if (!context.MayUseTenant(tenant))
        {
            throw new Engine.NotFoundException($"Tenant '{tenant}' does not exist.");
        }
    }
}
