namespace Skein.Host.Engine;

/// <summary>
/// The tenant is frozen (the operator is moving it to another node, or froze it by hand): it takes no request
/// until it is unfrozen or moved; nothing was changed and the request may be retried (503 with Retry-After).
/// </summary>
internal sealed class TenantFrozenException(string message) : EngineException(message)
{
    public static TenantFrozenException For(string tenant) => new(
        $"Tenant '{tenant}' is frozen (it is being moved to another node, or the operator froze it); nothing was changed. Retry after the Retry-After delay.");
}
