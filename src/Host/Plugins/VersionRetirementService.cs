using Skein.Host.Tenants;

namespace Skein.Host.Plugins;

/// <summary>
/// Every half minute, unloads the loaded versions that are neither active nor needed by an unfinished instance
/// (the last instance of an old version may finish at any time), and checks that unloaded versions were collected.
/// </summary>
internal sealed partial class VersionRetirementService(DeploymentService deployments, TenantRegistry registry, UnloadedContexts unloaded,
    TimeProvider time, ILogger<VersionRetirementService> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in registry.List())
            {
                try
                {
                    deployments.RetireIdle(tenant.Id);
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    // One tenant's trouble (deleted meanwhile, its log unreadable) must not stop this loop for all.
                    LogRetireFailed(logger, error, tenant.Id);
                }
            }

            unloaded.Check();
        }
    }

    [LoggerMessage(EventId = EventIds.VersionRetirementFailed, Level = LogLevel.Warning,
        Message = "Unloading the idle versions of tenant {Tenant} failed; it is tried again at the next round")]
    private static partial void LogRetireFailed(ILogger logger, Exception error, string tenant);
}
