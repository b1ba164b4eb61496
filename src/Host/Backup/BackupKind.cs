namespace Skein.Host.Backup;

/// <summary>Who took a stored backup, which decides whether retention may delete it.</summary>
internal enum BackupKind
{
    /// <summary>Taken by hand (<c>POST …/backups</c>): kept until an operator deletes it.</summary>
    Manual,

    /// <summary>Taken by the <see cref="BackupScheduler"/>: counted by <see cref="BackupOptions.Retention"/>.</summary>
    Scheduled,
}
