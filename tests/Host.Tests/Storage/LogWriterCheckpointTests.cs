using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;
using SQLitePCL;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// When the writer asks for a checkpoint: once its own commits appended <see cref="WalCheckpointer.PagesBetweenCheckpoints"/>
/// pages to the WAL (SQLite's default for its automatic checkpoint, which the writer turns off), counting none that
/// its pooled connection wrote for someone else before; and that closing the log waits for a checkpoint running.
/// </summary>
public sealed class LogWriterCheckpointTests : IDisposable
{
    private const int PadRows = 1200;

    private readonly WriterOnNewLog _log;

    /// <summary>Pages a commit writes beyond one per updated row (measured: SQLite's bookkeeping, if any).</summary>
    private readonly int _extraPages;

    public LogWriterCheckpointTests()
    {
        var extraPages = 0;
        _log = new WriterOnNewLog(prepare: path =>
        {
            using var connection = SqliteDatabase.Open(path);
            // One row per page: a 3,000-byte row fills a 4 KiB page alone, so updating n rows rewrites n pages.
            SqliteDatabase.Execute(connection, "CREATE TABLE pad (id INTEGER PRIMARY KEY, b BLOB NOT NULL);");
            SqliteDatabase.Execute(connection,
                $"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {PadRows}) INSERT INTO pad SELECT i, randomblob(3000) FROM n;");
            PagesWritten(connection);
            SqliteDatabase.Execute(connection, UpdateRows(1, 200));
            extraPages = PagesWritten(connection) - 200;
            SqliteDatabase.Execute(connection, UpdateRows(201, 300));
            Assert.Equal(100 + extraPages, PagesWritten(connection));

            // Pages this connection wrote and nobody counted: the writer gets this connection from the pool next.
            SqliteDatabase.Execute(connection, UpdateRows(301, 600));
        });
        _extraPages = extraPages;
    }

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task A_checkpoint_is_asked_for_when_the_writers_own_commits_reach_a_thousand_pages_and_not_one_page_before()
    {
        Assert.InRange(_extraPages, 0, 3);
        var lastCommit = 1 + _extraPages;

        // Commits of a few hundred pages each (within SQLite's page cache, so no page is written twice), one page short.
        var remaining = WalCheckpointer.PagesBetweenCheckpoints - lastCommit;
        var next = 1;
        while (remaining > 0)
        {
            var rows = Math.Min(250, remaining - _extraPages);
            Assert.True(rows > 0);
            var first = next;
            await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(first, first + rows - 1)));
            next += rows;
            remaining -= rows + _extraPages;
        }

        await CountedAsync();
        Assert.Equal(0, _log.Writer.Checkpointer.Completed);

        await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(next, next)));
        await CountedAsync();
        Assert.Equal(1, _log.Writer.Checkpointer.Completed);
        Assert.Null(_log.Writer.Checkpointer.LastError);
    }

    [Fact]
    public async Task Disposing_the_writer_waits_for_a_running_checkpoint()
    {
        using var gate = new CommitGate();
        _log.Writer.Checkpointer.Gate = gate;
        for (var first = 1; first <= 1000; first += 250)
        {
            var from = first;
            await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(from, from + 249)));
        }

        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the checkpoint to be asked for and wait at its gate");
        var disposing = Task.Run(_log.Writer.Dispose);
        await Eventually.Until(() => _log.Writer.Checkpointer.IdleWaiters, n => n == 1, "the dispose to wait for the running checkpoint");
        Assert.False(disposing.IsCompleted, "the writer is disposed (and the log's files may be closed) while a checkpoint uses them");

        gate.Release();
        await disposing.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(1, _log.Writer.Checkpointer.Completed);
    }

    [Fact]
    public async Task After_a_checkpoint_a_reader_held_back_the_writer_copies_the_rest_so_the_next_write_starts_the_WAL_over()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(1, 50)));
        int framesAfter;
        using (var reader = SqliteDatabase.OpenPrivate(_log.Path))
        using (var snapshot = reader.BeginTransaction(deferred: true))
        {
            // A read at this point: the checkpoint may copy no frame it does not see.
            Assert.Equal(PadRows, SqliteDatabase.Scalar<long>(reader, "SELECT COUNT(*) FROM pad"));
            await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(51, 250)));
            _log.Writer.Checkpointer.Request();
            await Eventually.Until(() => _log.Writer.Checkpointer.Completed, n => n == 1, "a checkpoint held back by the reader");
        }

        // The first write after the checkpoint: the writer copies what it could not (its catch-up checkpoint).
        await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(251, 251)));
        // The next write finds every frame copied and starts the WAL over.
        await _log.Writer.WriteAsync(tx => tx.Execute(UpdateRows(252, 252)));
        using (var probe = SqliteDatabase.OpenPrivate(_log.Path))
        using (var command = probe.CreateCommand())
        {
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE);";
            using var result = command.ExecuteReader();
            Assert.True(result.Read());
            framesAfter = result.GetInt32(1);
        }

        Assert.InRange(framesAfter, 1, 10);
    }

    /// <summary>Waits until the writer counted the pages of every commit so far, and any checkpoint it asked for ended.</summary>
    private async Task CountedAsync()
    {
        // An empty batch appends no page; the writer counts the batch before it as it takes this one.
        await _log.Writer.WriteAsync(_ => 0);
        _log.Writer.Checkpointer.WaitIdle();
    }

    private static string UpdateRows(int first, int last) =>
        $"UPDATE pad SET b = randomblob(3000) WHERE id BETWEEN {first} AND {last};";

    /// <summary>Pages the connection wrote since the last call (the counter the writer reads), and resets it.</summary>
    private static int PagesWritten(SqliteConnection connection)
    {
        raw.sqlite3_db_status(connection.Handle, raw.SQLITE_DBSTATUS_CACHE_WRITE, out var written, out _, 1);
        return written;
    }
}
