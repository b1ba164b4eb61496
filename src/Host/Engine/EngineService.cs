namespace Skein.Host.Engine;

/// <summary>Opens every tenant's runtime (recovering its work) with the host and stops them with the host.</summary>
internal sealed partial class EngineService(TenantRuntimes runtimes, EngineOptions options, ILogger<EngineService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        LogDataFolder(logger, options.DataDir);
        runtimes.Start();
    }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        runtimes.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = EventIds.DataFolder, Level = LogLevel.Information, Message = "Data folder: {DataDir}")]
    private static partial void LogDataFolder(ILogger logger, string dataDir);
}
