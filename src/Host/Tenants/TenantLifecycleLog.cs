namespace Skein.Host.Tenants;

/// <summary>The tenants' lifecycle lines. Keys are never logged: a key's id is, since the key list shows it too.</summary>
internal static partial class TenantLifecycleLog
{
    [LoggerMessage(EventIds.TenantCreated, LogLevel.Information, "Tenant {Tenant} created with key {KeyId}")]
    public static partial void Created(ILogger logger, string tenant, string keyId);

    [LoggerMessage(EventIds.TenantDeleted, LogLevel.Information, "Tenant {Tenant} deleted with its instances and deployments")]
    public static partial void Deleted(ILogger logger, string tenant);

    [LoggerMessage(EventIds.KeyIssued, LogLevel.Information, "Tenant {Tenant}: key {KeyId} issued")]
    public static partial void KeyIssued(ILogger logger, string tenant, string keyId);

    [LoggerMessage(EventIds.KeyRevoked, LogLevel.Information, "Tenant {Tenant}: key {KeyId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string tenant, string keyId);

    [LoggerMessage(EventIds.LimitsChanged, LogLevel.Information, "Tenant {Tenant}: limits changed to {Limits}")]
    public static partial void LimitsChanged(ILogger logger, string tenant, string limits);
}
