using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Skein.Host.Storage;

/// <summary>
/// The single writer of one tenant log, with group commit: every write queued while the previous transaction was
/// committing goes into the next transaction, so many instances share one fsync. A write's task completes only
/// after its transaction committed with <c>synchronous=FULL</c>.
/// </summary>
/// <remarks>
/// The writer runs on a dedicated thread while there is work: SQLite calls and fsync are synchronous, and running
/// them on the thread pool of a small machine starves the workflows. The thread exits after a quiet period and is
/// started again by the next write, so idle tenants cost no thread.
/// </remarks>
internal sealed class LogWriter : IDisposable
{
    private const int MaxBatch = 1024;
    private static readonly TimeSpan IdleExit = TimeSpan.FromSeconds(5);

    private readonly string _path;
    private readonly string _name;
    private readonly object _lock = new();
    private readonly WorkInFlight _work;
    private readonly WriteOutcomes _outcomes;
    private Queue<LogWrite> _pending = new();
    private Queue<LogWrite> _spare = new();
    private bool _threadRunning;
    private bool _disposed;
    private bool _quiescing;
    private SqliteConnection? _connection;
    private LogTransaction? _transaction;
    private long _walPages;
    private readonly KeyValuePair<string, object?> _tenantTag;

    public LogWriter(string path, string name, WorkInFlight work)
    {
        _path = path;
        _name = name;
        _tenantTag = new(Telemetry.SkeinAttributes.MetricTenant, name);
        _work = work;
        _outcomes = new WriteOutcomes(work);
        Checkpointer = new WalCheckpointer(path);
    }

    /// <summary>Checkpoints the WAL beside the writer instead of inside one of its commits.</summary>
    internal WalCheckpointer Checkpointer { get; }

    public LogWriteStats Stats { get; } = new();

    /// <summary>A test seam: when set, each batch waits at the gate before COMMIT (see <see cref="Storage.CommitGate"/>).</summary>
    internal CommitGate? CommitGate { get; set; }

    /// <summary>A test seam: writes queued and not yet taken into a batch.</summary>
    internal int Queued
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Queues <paramref name="write"/>; the task completes after the write's transaction committed.</summary>
    /// <param name="write">The statements, run inside the batch's transaction on the writer thread.</param>
    /// <param name="ended">
    /// Runs on the writer thread when the write committed or failed: cheap bookkeeping that would otherwise cost a
    /// thread-pool continuation per write.
    /// </param>
    public Task<T> WriteAsync<T>(Func<LogTransaction, T> write, Action? ended = null)
    {
        var item = new LogWrite<T>(write) { Ended = ended };
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _work.Enter();
            _pending.Enqueue(item);
            if (_threadRunning)
            {
                Monitor.Pulse(_lock);
            }
            else
            {
                _threadRunning = true;
                var thread = new Thread(Run) { IsBackground = true, Name = "skein-log " + _name };
                thread.Start();
            }
        }

        return item.Task;
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            Monitor.PulseAll(_lock);
            while (_threadRunning)
            {
                Monitor.Wait(_lock);
            }
        }

        Checkpointer.WaitIdle();
    }

    /// <summary>
    /// Stops the writer thread now instead of after its quiet period, closing its connection; the next write starts
    /// it again. Only called with nothing queued (see <see cref="OpenTenantLogs"/>).
    /// </summary>
    public void Quiesce()
    {
        lock (_lock)
        {
            _quiescing = true;
            Monitor.PulseAll(_lock);
            while (_threadRunning)
            {
                Monitor.Wait(_lock);
            }

            _quiescing = false;
        }

        Checkpointer.WaitIdle();
    }

    private void Run()
    {
        try
        {
            while (TakeBatch() is { } batch)
            {
                WriteBatch(batch);
                CountWalPages();
                batch.Clear();
                lock (_lock)
                {
                    _spare = batch;
                }
            }
        }
        finally
        {
            CloseConnection();
            lock (_lock)
            {
                _threadRunning = false;
                Monitor.PulseAll(_lock);
            }
        }
    }

    private Queue<LogWrite>? TakeBatch()
    {
        lock (_lock)
        {
            while (_pending.Count == 0)
            {
                if (_disposed || _quiescing || !Monitor.Wait(_lock, IdleExit) && _pending.Count == 0)
                {
                    return null;
                }
            }

            if (_pending.Count <= MaxBatch)
            {
                var batch = _pending;
                _pending = _spare;
                return batch;
            }

            var partial = new Queue<LogWrite>(MaxBatch);
            while (partial.Count < MaxBatch)
            {
                partial.Enqueue(_pending.Dequeue());
            }

            return partial;
        }
    }

    private void WriteBatch(Queue<LogWrite> batch)
    {
        LogWrite? failed = null;
        try
        {
            var tx = Transaction();
            var begun = Stopwatch.GetTimestamp();
            tx.Begin();
            foreach (var write in batch)
            {
                failed = write;
                write.Execute(tx);
            }

            failed = null;
            var written = Stopwatch.GetTimestamp();
            CommitGate?.Pass(batch.Count);
            var started = Stopwatch.GetTimestamp();
            tx.Commit();
            var committed = Stopwatch.GetTimestamp();
            Stats.Record(batch.Count, committed - started, written - begun + committed - started);
            Telemetry.SkeinInstruments.RecordCommit(_tenantTag, batch.Count, committed - started);
            var committedWrites = batch.ToArray();
            foreach (var write in committedWrites)
            {
                write.Ended?.Invoke();
            }

            _outcomes.Committed(committedWrites);
        }
        catch (Exception error)
        {
            SafeRollback();
            if (failed is null)
            {
                // BEGIN or COMMIT failed (I/O error, disk full, a connection closed under the writer): nothing of the
                // batch is durable, and the connection may be unusable, so the next batch opens a fresh one.
                CloseConnection();
                _outcomes.Failed(batch.ToArray(), error);
                return;
            }

            // One write was wrong: fail it alone and commit the others without it.
            _outcomes.Failed([failed], error);
            var rest = new Queue<LogWrite>(batch.Where(w => !ReferenceEquals(w, failed)));
            if (rest.Count > 0)
            {
                WriteBatch(rest);
            }
        }
    }

    /// <summary>
    /// A test seam: queues a write that closes the writer's connection in the middle of its batch, as a connection
    /// lost under the writer would be; the batch fails as a whole.
    /// </summary>
    internal Task<int> BreakConnectionAsync() => WriteAsync(_ =>
    {
        _connection!.Close();
        return 0;
    });

    private LogTransaction Transaction()
    {
        if (_transaction is null)
        {
            _connection = SqliteDatabase.Open(_path);
            // Checkpoints run beside the writer (see WalCheckpointer), never inside one of its commits.
            SqliteDatabase.Execute(_connection, "PRAGMA wal_autocheckpoint=0;");
            ResetPageCount(_connection);
            _transaction = new LogTransaction(_connection);
        }

        return _transaction;
    }

    /// <summary>Adds the pages the last commit appended to the WAL; asks for a checkpoint every so many.</summary>
    private void CountWalPages()
    {
        if (_connection is null)
        {
            return;
        }

        if (Checkpointer.TakeCaughtUp())
        {
            try
            {
                // Only the pages appended while the checkpointer ran are left to copy; copied, the WAL starts over.
                SqliteDatabase.Execute(_connection, "PRAGMA wal_checkpoint(PASSIVE);");
            }
            catch (SqliteException)
            {
                // The writes are committed either way; the next checkpoint copies these pages.
            }
        }

        _walPages += ResetPageCount(_connection);
        if (_walPages >= WalCheckpointer.PagesBetweenCheckpoints)
        {
            _walPages = 0;
            Checkpointer.Request();
        }
    }

    /// <summary>Pages this connection wrote (in WAL mode: appended to the WAL) since the last call.</summary>
    private static int ResetPageCount(SqliteConnection connection)
    {
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1);
        return written;
    }

    private void SafeRollback()
    {
        try
        {
            _transaction?.Rollback();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
            // The connection is broken (an I/O error, or closed under the writer: then ADO.NET throws
            // InvalidOperationException); reopen it for the next batch rather than let the writer thread die.
            CloseConnection();
        }
    }

    private void CloseConnection()
    {
        // Closing the connection disposes every command created on it (Microsoft.Data.Sqlite); the statements the
        // transaction prepared on the handle itself are finalized first, so none goes back to the pool with it.
        _transaction?.Dispose();
        _transaction = null;
        if (_connection is not null)
        {
            try
            {
                // Back to SQLite's default before the connection returns to the pool for other users.
                SqliteDatabase.Execute(_connection, "PRAGMA wal_autocheckpoint=1000;");
            }
            catch (Exception e) when (e is SqliteException or InvalidOperationException)
            {
                // A broken connection (an I/O error, or closed under the writer): the next writer sets the pragma
                // again, and readers never commit.
            }

            _connection.Dispose();
            _connection = null;
        }
    }
}
