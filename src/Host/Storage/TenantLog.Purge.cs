namespace Skein.Host.Storage;

/// <summary>Deleting instances: one at a time (the API's delete) and the finished ones past a tenant's retention.</summary>
internal sealed partial class TenantLog
{
    /// <summary>
    /// Everything recorded of one instance, one DELETE per table (<c>$0</c> is the instance id), the instance's own
    /// row last. Both a delete and the retention purge run this list, so a table that keeps rows of an instance is
    /// added here, one line, and neither can leave its rows behind (a workflow's log lines, its child links…).
    /// </summary>
    private static readonly string[] InstanceDeletes =
    [
        "DELETE FROM attempts WHERE instance_id = $0",
        "DELETE FROM steps WHERE instance_id = $0",
        "DELETE FROM events WHERE instance_id = $0",
        "DELETE FROM history WHERE instance_id = $0",
        "DELETE FROM runs WHERE instance_id = $0",
        "DELETE FROM instances WHERE id = $0",
    ];

    /// <summary>
    /// Deletes up to <paramref name="maxInstances"/> finished instances (<c>complete</c>, <c>errored</c>,
    /// <c>terminated</c>) that ended before <paramref name="endedBefore"/>, oldest first, with everything recorded of
    /// them, in one write; it stops early once <paramref name="maxRows"/> rows are deleted (after at least one
    /// instance), so one write holds the writer for a bounded time whatever the instances' sizes. A family is purged
    /// together: a child is never purged while its parent is kept, and a purged parent takes its finished descendants
    /// with it (an unfinished one — restarted after its parent ended — stays, and is purged on its own once it ends).
    /// </summary>
    public Task<PurgeOutcome> PurgeFinishedAsync(long endedBefore, int maxInstances, long maxRows) => Write(tx =>
    {
        // Read and deleted in the same transaction: an instance restarted meanwhile has no ended_at and is not seen.
        var candidates = tx.Rows("""
            SELECT id FROM instances
            WHERE ended_at IS NOT NULL AND ended_at < $0 AND status IN ('complete', 'errored', 'terminated')
              AND (parent_id IS NULL OR NOT EXISTS (SELECT 1 FROM instances p WHERE p.id = instances.parent_id))
            ORDER BY ended_at LIMIT $1
            """, r => r.GetString(0), endedBefore, maxInstances);
        var purged = new List<string>(candidates.Count);
        long rows = 0;
        foreach (var id in candidates)
        {
            rows += PurgeFamily(tx, id);
            purged.Add(id);
            if (rows >= maxRows)
            {
                break;
            }
        }

        return new PurgeOutcome(purged, rows);
    });

    /// <summary>
    /// Gives up to <paramref name="maxPages"/> free pages back to the file system (<c>PRAGMA incremental_vacuum</c>) in
    /// one write through the writer, and returns the free pages left. The file itself shrinks when a checkpoint has
    /// copied the WAL back (in WAL mode the database file is truncated there), so one is asked for.
    /// </summary>
    public async Task<long> ReclaimSpaceAsync(int maxPages)
    {
        // incremental_vacuum(0) would free the whole list in one write: exactly the long stall this exists to avoid.
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxPages);
        var left = await Write(tx =>
        {
            tx.Execute($"PRAGMA incremental_vacuum({maxPages})");
            return tx.Scalar<long>("PRAGMA freelist_count");
        });
        _writer.Checkpointer.Request();
        return left;
    }

    /// <summary>The free pages of the file: space a purge freed that is not given back yet.</summary>
    public long FreePages()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, "PRAGMA freelist_count", r => r.GetInt64(0))[0];
    }

    /// <summary>Deletes a finished instance with its finished descendants; returns the rows deleted.</summary>
    private static long PurgeFamily(LogTransaction tx, string id)
    {
        long rows = 0;
        foreach (var child in tx.Rows("SELECT id FROM instances WHERE parent_id = $0 AND ended_at IS NOT NULL", r => r.GetString(0), id))
        {
            rows += PurgeFamily(tx, child);
        }

        return rows + DeleteEverything(tx, id).Rows;
    }

    private static (bool Instance, long Rows) DeleteEverything(LogTransaction tx, string id)
    {
        long rows = 0;
        var instance = false;
        foreach (var sql in InstanceDeletes)
        {
            var deleted = tx.Execute(sql, id);
            rows += deleted;
            // The list ends with the instance's own row: the last count says whether there was an instance.
            instance = deleted > 0;
        }

        return (instance, rows);
    }
}
