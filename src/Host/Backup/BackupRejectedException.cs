namespace Skein.Host.Backup;

/// <summary>A restore refused before the live tenant was touched; the message says why.</summary>
internal sealed class BackupRejectedException(string message, bool notAnArchive = false) : Exception(message)
{
    /// <summary>The body is not a zip at all (400), rather than an archive that fails a check (422).</summary>
    public bool NotAnArchive { get; } = notAnArchive;
}
