using Skein.Host.Tenants;

namespace Skein.Host.Plugins;

/// <summary>
/// Every half minute, unloads the loaded versions that are neither active nor needed by an unfinished instance
/// (the last instance of an old version may finish at any time).
/// </summary>
internal sealed class VersionRetirementService(DeploymentService deployments, TenantRegistry registry, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in registry.List())
            {
                deployments.RetireIdle(tenant.Id);
            }
        }
    }
}
