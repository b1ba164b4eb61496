namespace Skein.Router;

/// <summary>The options the router runs with, logged once it listens. Whether an admin key is set is logged, never the key.</summary>
internal static partial class RouterStartLog
{
    public static void Register(WebApplication app, RouterOptions options, ILogger logger) =>
        // The addresses are known only once the server has bound them (a port of 0 becomes a real one).
        app.Lifetime.ApplicationStarted.Register(() => OptionsInEffect(logger, Path.GetFullPath(options.DataDir), [.. app.Urls],
            options.Nodes.Count, options.Domain ?? "(none)", !string.IsNullOrEmpty(options.AdminKey), options.HealthCheckInterval,
            options.ActivityTimeout));

    [LoggerMessage(EventIds.OptionsInEffect, LogLevel.Information,
        "Skein router started: data folder {DataDir}, listening on {Urls}, {Nodes} nodes, tenant domain {Domain}, admin key set: {AdminKeySet}, "
        + "health checks every {HealthCheckInterval}, forwards idle for {ActivityTimeout} are cut")]
    private static partial void OptionsInEffect(ILogger logger, string dataDir, IReadOnlyList<string> urls, int nodes, string domain,
        bool adminKeySet, TimeSpan healthCheckInterval, TimeSpan activityTimeout);
}
