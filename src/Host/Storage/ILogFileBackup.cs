namespace Skein.Host.Storage;

/// <summary>
/// A log kept in a file that can be copied whole while it is written (SQLite's online backup): what the node's
/// backups of a tenant rely on. Not part of <see cref="IWorkflowLog"/>: a server database is backed up by its own
/// tools, not by the node.
/// </summary>
internal interface ILogFileBackup
{
    /// <summary>Copies a consistent snapshot of the log to the file <paramref name="destination"/>.</summary>
    void BackupTo(string destination);
}
