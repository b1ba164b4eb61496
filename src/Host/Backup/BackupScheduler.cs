using Skein.Host.Tenants;

namespace Skein.Host.Backup;

/// <summary>
/// Backs up every tenant of the node each <see cref="BackupOptions.Interval"/> and keeps the newest
/// <see cref="BackupOptions.Retention"/> scheduled archives (backups taken by hand are kept unless
/// <see cref="BackupOptions.RetentionIncludesManual"/> is set). A failed backup is logged and tried again next time.
/// </summary>
internal sealed partial class BackupScheduler(BackupStore store, TenantRegistry registry, BackupOptions options, TimeProvider time,
    ILogger<BackupScheduler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Runs before the first await, so before the node serves requests: no backup or restore is using it yet.
        store.CleanWork();
        store.CleanPartials();
        if (options.Interval is not { } interval || interval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            foreach (var tenant in registry.List())
            {
                try
                {
                    await Task.Run(() =>
                    {
                        store.Create(tenant.Id, BackupKind.Scheduled);
                        store.Prune(tenant.Id, options.Retention, options.RetentionIncludesManual);
                    }, stoppingToken);
                }
                catch (Exception error) when (error is not OperationCanceledException)
                {
                    LogFailed(logger, error, tenant.Id);
                }
            }
        }
    }

    [LoggerMessage(EventId = EventIds.ScheduledBackupFailed, Level = LogLevel.Error, Message = "Scheduled backup of tenant {Tenant} failed; it is tried again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception error, string tenant);
}
