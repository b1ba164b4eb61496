namespace Skein.Host.Engine;

/// <summary>The engine's lifecycle lines: instances that end errored, and what a start recovered.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(EventIds.InstanceErrored, LogLevel.Warning,
        "Instance {InstanceId} of tenant {Tenant} errored: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceErrored(ILogger logger, string tenant, string instanceId, string? errorType, string? errorMessage);

    [LoggerMessage(EventIds.TenantRecovered, LogLevel.Debug,
        "Tenant {Tenant} recovered: {Instances} instances resumed, {Timers} timers armed")]
    public static partial void TenantRecovered(ILogger logger, string tenant, int instances, int timers);

    [LoggerMessage(EventIds.NodeRecovered, LogLevel.Information,
        "Recovery done: {Instances} instances resumed and {Timers} timers armed over {Tenants} tenants ({Frozen} frozen, left stopped until unfrozen), in {Seconds:0.000} s")]
    public static partial void NodeRecovered(ILogger logger, int instances, int timers, int tenants, int frozen, double seconds);
}
