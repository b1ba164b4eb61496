namespace Skein.Host.Backup;

/// <summary>The steps of backups and restores, as an operator follows them.</summary>
internal static partial class BackupLog
{
    [LoggerMessage(EventIds.BackupWritten, LogLevel.Information,
        "Backup of tenant {Tenant} written: {Instances} instances up to log position {LastPosition}, versions {Versions}, {Bytes} bytes")]
    public static partial void Written(ILogger logger, string tenant, long instances, long lastPosition, IReadOnlyList<int> versions, long bytes);

    [LoggerMessage(EventIds.BackupStored, LogLevel.Information, "Backup {BackupId} of tenant {Tenant} stored on this node ({Kind})")]
    public static partial void Stored(ILogger logger, string tenant, string backupId, string kind);

    [LoggerMessage(EventIds.BackupPruned, LogLevel.Information, "Backup {BackupId} of tenant {Tenant} deleted by retention (keeping the newest {Keep})")]
    public static partial void Pruned(ILogger logger, string tenant, string backupId, int keep);

    [LoggerMessage(EventIds.RestoreStarted, LogLevel.Information, "Restore of tenant {Tenant} from a backup of {Source} started")]
    public static partial void RestoreStarted(ILogger logger, string tenant, string source);

    [LoggerMessage(EventIds.RestoreVerified, LogLevel.Information,
        "Restore of tenant {Tenant}: archive verified ({Instances} instances, versions {Versions}); swapping it in")]
    public static partial void RestoreVerified(ILogger logger, string tenant, long instances, IReadOnlyList<int> versions);

    [LoggerMessage(EventIds.RestoreRefused, LogLevel.Warning, "Restore of tenant {Tenant} refused, nothing was changed: {Reason}")]
    public static partial void RestoreRefused(ILogger logger, string tenant, string reason);
}
