using Skein.Host.Tenants;

namespace Skein.Host.Engine;

/// <summary>Starts the engine (recovering every tenant) with the host and stops it with the host.</summary>
internal sealed partial class EngineService(WorkflowEngine engine, TenantRegistry registry, ILogger<EngineService> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        LogDataFolder(logger, engine.Options.DataDir);
        engine.Start();
        registry.Load();
        if (string.IsNullOrEmpty(engine.Options.AdminKey))
        {
            LogNoAdminKey(logger);
        }
    }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken)
    {
        engine.Dispose();
        return Task.CompletedTask;
    }

    [LoggerMessage(EventId = 3002, Level = LogLevel.Information, Message = "Data folder: {DataDir}")]
    private static partial void LogDataFolder(ILogger logger, string dataDir);

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning,
        Message = "Skein:AdminKey is not set: no one can create tenants. Set it with --Skein:AdminKey=… or Skein__AdminKey.")]
    private static partial void LogNoAdminKey(ILogger logger);
}
