using Skein.Host.Engine;

namespace Skein.Host.Tenants;

/// <summary>Reads the tenants into memory once the engine has started, and warns when no one can create tenants.</summary>
internal sealed partial class TenantRegistryLoading(TenantRegistry registry, EngineOptions options, ILogger<TenantRegistryLoading> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.Run(() =>
    {
        registry.Load();
        if (string.IsNullOrEmpty(options.AdminKey))
        {
            LogNoAdminKey(logger);
        }
    }, cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = EventIds.NoAdminKey, Level = LogLevel.Warning,
        Message = "Skein:AdminKey is not set: no one can create tenants. Set it with --Skein:AdminKey=… or Skein__AdminKey.")]
    private static partial void LogNoAdminKey(ILogger logger);
}
