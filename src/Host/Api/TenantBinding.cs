using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>
/// Binds a request to the tenant runtime it starts on. A request that awaits (a body, a wait, a stream) must not
/// look its tenant up by name again: the tenant may have been deleted and another created under the same id, or
/// restored, meanwhile. Everything after the binding goes through the runtime, which refuses once it stopped.
/// </summary>
internal static class TenantBinding
{
    /// <summary>
    /// Checks access as <see cref="CallerAccess.RequireTenant"/> does and returns the tenant's runtime; while the tenant
    /// is being restored, waits for it without holding a thread.
    /// </summary>
    public static async ValueTask<TenantRuntime> BindTenantAsync(this HttpContext http, string tenant)
    {
        http.RequireTenant(tenant);
        return await http.RequestServices.GetRequiredService<TenantRuntimes>().RuntimeAsync(tenant);
    }
}
