namespace Skein.Host.Plugins;

/// <summary>The deployments' and the versions' lifecycle lines.</summary>
internal static partial class DeploymentLog
{
    [LoggerMessage(EventIds.DeploymentAccepted, LogLevel.Information,
        "Tenant {Tenant}: version {Version} deployed and active, with workflows {Workflows}")]
    public static partial void Accepted(ILogger logger, string tenant, int version, IReadOnlyList<string> workflows);

    [LoggerMessage(EventIds.DeploymentRefused, LogLevel.Warning,
        "Tenant {Tenant}: upload refused with {ProblemCount} problems ({ProblemCodes}); nothing was deployed")]
    public static partial void Refused(ILogger logger, string tenant, int problemCount, IReadOnlyList<string> problemCodes);

    [LoggerMessage(EventIds.VersionActivated, LogLevel.Information, "Tenant {Tenant}: version {Version} made active")]
    public static partial void Activated(ILogger logger, string tenant, int version);

    [LoggerMessage(EventIds.VersionLoaded, LogLevel.Debug, "Tenant {Tenant}: version {Version} loaded ({Loaded} versions loaded on the node)")]
    public static partial void Loaded(ILogger logger, string tenant, int version, int loaded);

    [LoggerMessage(EventIds.VersionUnloaded, LogLevel.Debug, "Tenant {Tenant}: version {Version} unloaded ({Reason})")]
    public static partial void Unloaded(ILogger logger, string tenant, int version, string reason);
}
