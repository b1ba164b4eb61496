using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Skein.Host.Backup;
using Skein.Host.Engine;

namespace Skein.Host;

/// <summary>
/// Logs the options in effect once the host listens, so an operator reading the log knows what the node runs with.
/// Secrets stay out: whether an admin key is set is logged, never the key.
/// </summary>
internal sealed partial class StartupLog(IHostApplicationLifetime lifetime, IServer server, EngineOptions engine, BackupOptions backup,
    ILogger<StartupLog> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // The addresses are known only once the server has bound them (a port of 0 becomes a real one).
        lifetime.ApplicationStarted.Register(Log);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Log()
    {
        var urls = server.Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];
        LogOptions(logger, Path.GetFullPath(engine.DataDir), urls, !string.IsNullOrEmpty(engine.AdminKey), engine.Demo,
            backup.Interval?.ToString() ?? "off", backup.Retention);
        LogLimits(logger, engine.MaxConcurrentInstancesPerTenant, engine.MaxStepsPerInstance, engine.MaxPayloadBytes, engine.MaxUploadBytes,
            engine.MaxCreatesPerSecondPerTenant, engine.Retention, engine.MaxLoadedVersions, engine.MaxCrashRecoveries,
            engine.MaxOpenTenantLogs, engine.MaxCachedExecutions, engine.MaxTenantLogLinesPerSecond);
    }

    [LoggerMessage(EventIds.OptionsInEffect, LogLevel.Information,
        "Skein host started: data folder {DataDir}, listening on {Urls}, admin key set: {AdminKeySet}, demo: {Demo}, "
        + "scheduled backups every {BackupInterval} keeping {BackupRetention}")]
    private static partial void LogOptions(ILogger logger, string dataDir, IReadOnlyList<string> urls, bool adminKeySet, bool demo,
        string backupInterval, int backupRetention);

    [LoggerMessage(EventIds.LimitsInEffect, LogLevel.Information,
        "Limits: {MaxConcurrentInstancesPerTenant} running instances per tenant, {MaxStepsPerInstance} steps per instance, "
        + "payloads up to {MaxPayloadBytes} bytes, uploads up to {MaxUploadBytes} bytes, {MaxCreatesPerSecondPerTenant} creates a second "
        + "per tenant, retention {Retention}, {MaxLoadedVersions} loaded versions, {MaxCrashRecoveries} crash recoveries, "
        + "{MaxOpenTenantLogs} open tenant logs (0: derived), {MaxCachedExecutions} cached executions, "
        + "{MaxTenantLogLinesPerSecond} workflow log lines a second per tenant")]
    private static partial void LogLimits(ILogger logger, int maxConcurrentInstancesPerTenant, int maxStepsPerInstance, int maxPayloadBytes,
        long maxUploadBytes, int maxCreatesPerSecondPerTenant, TimeSpan retention, int maxLoadedVersions, int maxCrashRecoveries,
        int maxOpenTenantLogs, int maxCachedExecutions, int maxTenantLogLinesPerSecond);
}
