namespace Skein.Host.Backup;

/// <summary>Backup settings, bound from the <c>Skein:Backup</c> configuration section.</summary>
public sealed class BackupOptions
{
    /// <summary>How often every tenant of this node is backed up into <c>{DataDir}/backups/{tenant}/</c>; unset = never.</summary>
    public TimeSpan? Interval { get; set; }

    /// <summary>Scheduled backups kept per tenant; older scheduled ones are deleted. Default 7.</summary>
    public int Retention { get; set; } = 7;

    /// <summary>
    /// Whether backups taken by hand (<c>POST …/backups</c>) count towards <see cref="Retention"/> and are deleted
    /// with the scheduled ones. Default false: they are kept until an operator deletes them.
    /// </summary>
    public bool RetentionIncludesManual { get; set; }

    /// <summary>Largest archive a restore accepts, in bytes. Default 16 GiB.</summary>
    public long MaxArchiveBytes { get; set; } = 16L * 1024 * 1024 * 1024;

    /// <summary>Most entries an archive may hold. Default 20,000.</summary>
    public int MaxEntries { get; set; } = 20_000;
}
