using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>Continue-as-new: ending a run and starting the next run of the same instance in one transaction.</summary>
internal sealed partial class TenantLog
{
    /// <summary>How many ended runs an instance keeps a summary of; older summaries are dropped at the next continue.</summary>
    public const int KeptRunSummaries = 100;

    /// <summary>The history kind that marks where the next run of an instance begins.</summary>
    public const string ContinuedAsNewKind = "continuedAsNew";

    /// <summary>
    /// Ends the current run of <paramref name="id"/> and starts its next run with <paramref name="params"/>, in one
    /// transaction; null, writing nothing, when the run was superseded or the instance ended.
    /// </summary>
    /// <remarks>
    /// The run's steps and attempts are deleted, and so are the events it consumed; events not consumed stay for the
    /// next run. The generation goes up, so every later write of the ended run is fenced. A summary of the ended run is
    /// kept (the last <see cref="KeptRunSummaries"/>). History rows of the run before the one that ended are deleted
    /// (the ended run's stay until the next continue, so a stream client that lags behind by up to a run misses
    /// nothing); seqs are never reused. The next run is <c>queued</c>, or <c>paused</c> when a pause was asked of
    /// the run that ended. Children the ended run left unfinished are terminated.
    /// </remarks>
    public Task<ContinuedRun?> ContinueAsNewAsync(string id, int generation, string @params, long now) => WriteFamily((tx, effects) =>
    {
        var found = tx.Rows("SELECT generation, status, run, started_at FROM instances WHERE id = $0",
            r => (Generation: r.GetInt32(0), Status: StoredNames.ToInstanceStatus(r.GetString(1)), Run: r.GetInt32(2),
                StartedAt: r.IsDBNull(3) ? (long?)null : r.GetInt64(3)), id);
        if (found.Count == 0 || found[0].Generation != generation || InstanceStatus.IsFinished(found[0].Status))
        {
            return null;
        }

        var (_, status, run, startedAt) = found[0];
        var next = status == InstanceStatus.WaitingForPause ? InstanceStatus.Paused : InstanceStatus.Queued;
        tx.Execute("INSERT INTO runs (instance_id, run, started_at, ended_at) VALUES ($0, $1, $2, $3)", id, run, startedAt, now);
        tx.Execute("DELETE FROM runs WHERE instance_id = $0 AND run <= $1", id, run - KeptRunSummaries);
        // The ended run's unfinished children end with it, as at any end of their parent (Temporal's default close policy).
        TerminateChildren(tx, effects, id, 0, now);
        tx.Execute("DELETE FROM attempts WHERE instance_id = $0", id);
        tx.Execute("DELETE FROM steps WHERE instance_id = $0", id);
        tx.Execute("DELETE FROM events WHERE instance_id = $0 AND consumed_position IS NOT NULL", id);
        var previous = tx.Scalar<long?>("SELECT MAX(seq) FROM history WHERE instance_id = $0 AND kind = $1", id, ContinuedAsNewKind);
        if (previous is { } start)
        {
            tx.Execute("DELETE FROM history WHERE instance_id = $0 AND seq < $1", id, start);
        }

        tx.Execute("""
            UPDATE instances SET status = $1, params = $2, run = run + 1, generation = generation + 1, output = NULL,
                error_name = NULL, error_message = NULL, started_at = NULL, ended_at = NULL, updated_at = $3, recoveries = 0
            WHERE id = $0
            """, id, StoredNames.Name(next), @params, now);
        History(tx, id, now, ContinuedAsNewKind, new { run = run + 1 });
        History(tx, id, now, "status", new { status = StoredNames.Name(next) });
        return new ContinuedRun(run + 1, next, generation + 1);
    });

    /// <summary>The instance's run and its kept run summaries, read on <paramref name="connection"/> (inside the caller's read).</summary>
    private static InstanceRuns ReadRuns(ReadConnection connection, string id)
    {
        var current = QueryList(connection, "SELECT run FROM instances WHERE id = $0", r => r.GetInt32(0), id).FirstOrDefault(1);
        var earlier = QueryList(connection, "SELECT run, started_at, ended_at FROM runs WHERE instance_id = $0 ORDER BY run",
            r => new RunSummary(r.GetInt32(0), NullableLong(r, 1), r.GetInt64(2)), id);
        return new InstanceRuns(current, earlier);
    }
}
