using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// The SQLite provider of <see cref="IWorkflowLog"/>: one tenant's log in <c>{DataDir}/tenants/{tenant}/log.db</c>,
/// read on pooled connections and written through the tenant's single group-commit <see cref="LogWriter"/>.
/// </summary>
internal sealed partial class TenantLog : IWorkflowLog, ILogFileBackup
{
    private const string InstanceColumns =
        "id, seq, workflow, version, status, params, output, error_name, error_message, generation, created_at, started_at, ended_at, trigger, " +
        "parent_id, parent_step, parent_position, trace_parent";

    private const string StepColumns =
        "s.position, s.kind, s.name, s.count, s.status, s.output, s.error_name, s.error_message, s.event_type, s.wake_at, " +
        "s.started_at, s.ended_at, s.rollback_status, s.rollback_error, " +
        "(SELECT COUNT(*) FROM attempts a WHERE a.instance_id = s.instance_id AND a.position = s.position), s.child_id, s.child_workflow";

    private readonly LogWriter _writer;
    private readonly OpenTenantLogs? _openLogs;
    private readonly ReadConnections _reads;

    private TenantLog(string tenant, string path, OpenTenantLogs? openLogs)
    {
        Tenant = tenant;
        Path = path;
        _writer = new LogWriter(path, tenant, Work);
        _reads = new ReadConnections(path);
        _openLogs = openLogs;
    }

    public string Tenant { get; }

    public string Path { get; }

    public LogWriteStats Stats => _writer.Stats;

    /// <summary>A test seam: the engine work in hand for this tenant, to tell when it is idle.</summary>
    public WorkInFlight Work { get; } = new();

    /// <summary>A test seam: the log's kept read connections.</summary>
    internal ReadConnections Reads => _reads;

    /// <summary>A test seam: the checkpoints of this log's WAL, run beside its writer.</summary>
    internal WalCheckpointer Checkpointer => _writer.Checkpointer;

    /// <summary>A test seam: writes queued behind the batch being written (or held at a commit gate).</summary>
    internal int QueuedWrites => _writer.Queued;

    /// <summary>
    /// A test seam: holds every later batch of this log before its COMMIT until the returned gate is released.
    /// </summary>
    public CommitGate HoldCommits()
    {
        var gate = new CommitGate();
        _writer.CommitGate = gate;
        return gate;
    }

    /// <summary>
    /// A test seam: a write outside the named operations, queued and committed like them, for the tests of the
    /// writer's thread, batching and accounting. Production code writes only through <see cref="IWorkflowLog"/>.
    /// </summary>
    internal Task<T> RawWriteAsync<T>(Func<LogTransaction, T> write) => Write(write);

    /// <summary>A test seam: closes the writer's connection under the batch it is writing (see <see cref="LogWriter"/>).</summary>
    internal Task BreakWriterConnectionAsync() => _writer.BreakConnectionAsync();

    /// <summary>
    /// Opens (creating and migrating when needed) the log at <paramref name="path"/>, in incremental auto-vacuum (a
    /// log of an older Skein is rewritten once, see <see cref="IncrementalVacuum"/>); with <paramref name="openLogs"/>,
    /// its files are closed while it is idle and others are used.
    /// </summary>
    public static TenantLog Open(string tenant, string path, OpenTenantLogs? openLogs = null, ILogger? logger = null)
    {
        var folder = System.IO.Path.GetDirectoryName(path)!;
        DurableFiles.CreateDirectory(folder);
        using (var connection = SqliteDatabase.Open(path))
        {
            IncrementalVacuum.Request(connection);
            SchemaMigrator.Migrate(connection, TenantLogSchema.Migrations, $"The log of tenant '{tenant}'");
            IncrementalVacuum.Ensure(connection, tenant, path, logger);
        }

        // SQLite flushes the database's bytes, not the folder entry of a file it just created.
        DurableFiles.FlushDirectory(folder);

        var log = new TenantLog(tenant, path, openLogs);
        // The migration left a pooled connection: count the log as open from here.
        log.BeginUse().Dispose();
        return log;
    }

    public void Dispose()
    {
        _openLogs?.Forget(this);
        _writer.Dispose();
        ClearPool();
    }

    /// <summary>
    /// Copies a consistent snapshot of the log to <paramref name="destination"/> with SQLite's online backup API: it
    /// reads one snapshot of the WAL database while the writer keeps committing.
    /// </summary>
    public void BackupTo(string destination)
    {
        using var use = BeginUse();
        using var source = SqliteDatabase.Open(Path);
        // Not pooled: the copy must be closed (and its own journal gone) when this returns.
        using var target = SqliteDatabase.OpenPrivate(destination, create: true);
        source.BackupDatabase(target);
    }

    public InstanceRow? FindInstance(string id)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, $"SELECT {InstanceColumns} FROM instances WHERE id = $0", ReadInstance, id).FirstOrDefault();
    }

    public InstanceSnapshot? LoadSnapshot(string id) => Load(id, withAttempts: false) is { } h ? new InstanceSnapshot(h.Instance, h.Steps) : null;

    public InstanceHistory? LoadHistory(string id) => Load(id, withAttempts: true);

    /// <summary>The instance row and its steps (and attempts), read in one transaction so they agree.</summary>
    private InstanceHistory? Load(string id, bool withAttempts)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        using var snapshot = connection.BeginSnapshot();
        var instance = QueryList(connection, $"SELECT {InstanceColumns} FROM instances WHERE id = $0", ReadInstance, id).FirstOrDefault();
        if (instance is null)
        {
            return null;
        }

        var steps = QueryList(connection, $"SELECT {StepColumns} FROM steps s WHERE s.instance_id = $0 ORDER BY s.position", ReadStep, id);
        var attempts = withAttempts
            ? QueryList(connection,
                "SELECT position, attempt, started_at, ended_at, success, error_name, error_message, error_stack FROM attempts WHERE instance_id = $0 ORDER BY position, attempt",
                r => new AttemptRow(r.GetInt32(0), r.GetInt32(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4) != 0, NullableString(r, 5), NullableString(r, 6), NullableString(r, 7)),
                id)
            : [];
        return new InstanceHistory(instance, steps, attempts, withAttempts ? ReadRuns(connection, id) : null);
    }

    public IReadOnlyList<InstanceRow> ListInstances(InstanceQuery query)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection,
            $"SELECT {InstanceColumns} FROM instances WHERE ($0 IS NULL OR workflow = $0) AND ($1 IS NULL OR status = $1) AND seq > $2 ORDER BY seq LIMIT $3",
            ReadInstance, query.Workflow, query.Status is { } status ? StoredNames.Name(status) : null, query.AfterSeq ?? 0, query.Limit);
    }

    /// <summary>Instances that must be running after a start: everything unfinished that is not paused or waiting.</summary>
    public IReadOnlyList<(string Id, InstanceStatus Status)> ListRunnable()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection,
            "SELECT id, status FROM instances WHERE status IN ('queued', 'running', 'waitingForPause') ORDER BY seq",
            r => (r.GetString(0), StoredNames.ToInstanceStatus(r.GetString(1))));
    }

    /// <summary>The earliest timer of every instance that waits on one.</summary>
    public IReadOnlyList<(string Id, long WakeAt)> ListTimers()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection,
            "SELECT instance_id, MIN(wake_at) FROM steps WHERE status = 'waiting' AND wake_at IS NOT NULL GROUP BY instance_id",
            r => (r.GetString(0), r.GetInt64(1)));
    }

    /// <summary>The instance's history after <paramref name="afterSeq"/>, in commit order.</summary>
    public IReadOnlyList<HistoryRow> ReadHistory(string id, long afterSeq, int limit = 500)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection,
            "SELECT seq, at, kind, data FROM history WHERE instance_id = $0 AND seq > $1 ORDER BY seq LIMIT $2",
            r => new HistoryRow(r.GetInt64(0), r.GetInt64(1), r.GetString(2), NullableString(r, 3)), id, afterSeq, limit);
    }

    /// <summary>True when an unfinished instance is pinned to <paramref name="version"/>.</summary>
    public bool HasUnfinishedOn(int version)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, "SELECT 1 FROM instances WHERE ended_at IS NULL AND version = $0 LIMIT 1", r => true, version).Count > 0;
    }

    public IReadOnlyDictionary<InstanceStatus, long> CountByStatus()
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection, "SELECT status, COUNT(*) FROM instances GROUP BY status", r => (StoredNames.ToInstanceStatus(r.GetString(0)), r.GetInt64(1)))
            .ToDictionary(p => p.Item1, p => p.Item2);
    }

    private static List<T> QueryList<T>(ReadConnection connection, string sql, Func<SqliteDataReader, T> read, params object?[] args) =>
        connection.Query(sql, read, args);

    private static InstanceRow ReadInstance(SqliteDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.GetString(2), r.GetInt32(3), StoredNames.ToInstanceStatus(r.GetString(4)), r.GetString(5),
        NullableString(r, 6), NullableString(r, 7), NullableString(r, 8), r.GetInt32(9), r.GetInt64(10),
        NullableLong(r, 11), NullableLong(r, 12), NullableString(r, 13),
        r.IsDBNull(14) ? null : new ParentLink(r.GetString(14), r.GetString(15), r.GetInt32(16)), NullableString(r, 17));

    private static StepRow ReadStep(SqliteDataReader r) => new(
        r.GetInt32(0), StoredNames.ToStepKind(r.GetString(1)), r.GetString(2), r.GetInt32(3), StoredNames.ToStepStatus(r.GetString(4)), NullableString(r, 5),
        NullableString(r, 6), NullableString(r, 7), NullableString(r, 8), NullableLong(r, 9), r.GetInt64(10),
        NullableLong(r, 11), r.IsDBNull(12) ? null : StoredNames.ToStepStatus(r.GetString(12)), NullableString(r, 13), r.GetInt32(14),
        NullableString(r, 15), NullableString(r, 16));

    private static string? NullableString(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static long? NullableLong(SqliteDataReader r, int i) => r.IsDBNull(i) ? null : r.GetInt64(i);
}
