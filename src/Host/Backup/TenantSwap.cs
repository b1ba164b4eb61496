using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Puts a staged, verified tenant folder in place of the live one. The staged folder is complete and flushed
/// before this runs; the live folder is moved aside whole (never a file renamed over a database that a pooled
/// connection may still hold), so stale <c>-wal</c>/<c>-shm</c> files leave with the old folder.
/// </summary>
/// <param name="dataDir">The node's data folder.</param>
/// <param name="catalog">The node catalog, updated once the new folder is in place.</param>
/// <param name="crashPoint">For tests: called after each durable step, and may throw to simulate a crash there.</param>
internal sealed class TenantSwap(string dataDir, Catalog catalog, Action<string>? crashPoint = null)
{
    /// <summary>
    /// The named points of a swap, in order: each is reached once the step before it is durable. A crash at a point
    /// before <see cref="CommitPoint"/> leaves the tenant wholly old after the start-up recovery; at or after it,
    /// wholly new. <c>Skein:Testing:KillAt</c> accepts exactly these names.
    /// </summary>
    public static readonly string[] CrashPoints = ["journal-written", "quiesced", "old-moved", "new-moved", "catalog-updated"];

    /// <summary>The first point past the commit (the staged folder renamed onto the tenant's).</summary>
    public const string CommitPoint = "new-moved";

    /// <summary>Swaps the folders; <paramref name="quiesce"/> stops the tenant once the journal is durable.</summary>
    public void Run(RestoreJournal journal, Action quiesce)
    {
        var live = TenantIds.Folder(dataDir, journal.Tenant);
        journal.Write(dataDir);
        crashPoint?.Invoke("journal-written");
        quiesce();
        crashPoint?.Invoke("quiesced");
        if (Directory.Exists(live))
        {
            DurableFiles.Move(live, journal.OldPath(dataDir), isDirectory: true);
        }

        crashPoint?.Invoke("old-moved");
        // The commit point: from here a restart finishes this restore instead of undoing it.
        DurableFiles.Move(journal.StagingPath(dataDir), live, isDirectory: true);
        crashPoint?.Invoke(CommitPoint);
        journal.Finish(dataDir, catalog, () => crashPoint?.Invoke("catalog-updated"));
    }
}
