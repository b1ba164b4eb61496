using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// Copies a log's WAL back into its database file on a thread of its own, so no COMMIT of the writer pays for it.
/// </summary>
/// <remarks>
/// SQLite's automatic checkpoint runs inside the COMMIT that pushes the WAL past 1,000 pages, on the writer thread:
/// that commit, and every write queued behind it, waits for the copy and the database file's fsync. While a reader
/// holds an old snapshot (a backup's online copy holds one for its whole run) no checkpoint can get past it, the WAL
/// grows, and the first commit after the reader is gone copies all of it at once: hundreds of milliseconds. A
/// <c>PASSIVE</c> checkpoint on another connection copies the bulk beside the writer instead (SQLite lets one
/// checkpointer and one writer work at once) and never waits for readers; then the writer copies what was appended
/// meanwhile (see <see cref="TakeCaughtUp"/>), so the WAL starts over from its beginning. The WAL file keeps its size
/// (no truncation), so appends do not grow the file.
/// </remarks>
internal sealed class WalCheckpointer
{
    /// <summary>Pages appended to the WAL between checkpoints: SQLite's own default for its automatic checkpoint.</summary>
    public const int PagesBetweenCheckpoints = 1000;

    private readonly string _path;
    private readonly object _lock = new();
    private Thread? _running;
    private bool _again;
    private bool _caughtUp;

    public WalCheckpointer(string path) => _path = path;

    /// <summary>A test seam: when set, each checkpoint waits at the gate before it starts copying.</summary>
    internal CommitGate? Gate { get; set; }

    /// <summary>Checkpoints run so far (a test seam and a benchmark figure).</summary>
    public int Completed { get; private set; }

    /// <summary>The longest checkpoint so far, in <see cref="Stopwatch"/> ticks: what a commit would have waited for.</summary>
    public long LongestTicks { get; private set; }

    /// <summary>The last checkpoint's failure, if it failed (the next one tries again); null after a success.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Starts a checkpoint unless one is running; one that is running runs once more when it ends.</summary>
    public void Request()
    {
        lock (_lock)
        {
            if (_running is not null)
            {
                _again = true;
                return;
            }

            _running = new Thread(Run) { IsBackground = true, Name = "skein-checkpoint" };
            _running.Start();
        }
    }

    /// <summary>
    /// True once after each checkpoint: the writer then checkpoints the few pages appended meanwhile itself, between
    /// two batches. A checkpoint beside a busy writer never copies the last frames (new ones keep coming), and SQLite
    /// starts the WAL over only when a write begins with every frame copied: without that last step the WAL grows
    /// for as long as the load lasts.
    /// </summary>
    public bool TakeCaughtUp()
    {
        lock (_lock)
        {
            var caughtUp = _caughtUp;
            _caughtUp = false;
            return caughtUp;
        }
    }

    /// <summary>A test seam: callers of <see cref="WaitIdle"/> blocked on a running checkpoint right now.</summary>
    internal int IdleWaiters { get; private set; }

    /// <summary>Waits until no checkpoint runs: before the log's files are closed, moved or replaced.</summary>
    public void WaitIdle()
    {
        lock (_lock)
        {
            _again = false;
            while (_running is not null)
            {
                IdleWaiters++;
                Monitor.Wait(_lock);
                IdleWaiters--;
            }
        }
    }

    private void Run()
    {
        while (true)
        {
            Gate?.Pass();
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var connection = SqliteDatabase.Open(_path);
                SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE);");
                LastError = null;
            }
            catch (SqliteException error)
            {
                // Nothing is lost: the pages stay in the WAL, readers see them, and the next request copies them.
                LastError = error;
            }

            lock (_lock)
            {
                LongestTicks = Math.Max(LongestTicks, Stopwatch.GetTimestamp() - started);
                Completed++;
                _caughtUp = true;
                if (!_again)
                {
                    _running = null;
                    Monitor.PulseAll(_lock);
                    return;
                }

                _again = false;
            }
        }
    }
}
