using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer's thread and its accounting, through a tenant log: writes run on the tenant's own background thread,
/// which stops when the log's files are closed and again after a quiet period; a batch takes at most 1,024 writes;
/// every write counts as work in hand until it is done, however it ends; a failed write costs no commit of its own.
/// </summary>
public sealed class LogWriterThreadTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public LogWriterThreadTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Writes_run_on_a_background_thread_named_after_the_tenant()
    {
        var (name, background) = await _log.RawWriteAsync(_ => (Thread.CurrentThread.Name, Thread.CurrentThread.IsBackground));

        Assert.Equal("skein-log t1", name);
        // A background thread: a writer left idle never keeps the process from exiting.
        Assert.True(background);
    }

    [Fact]
    public async Task Closing_the_files_stops_the_writer_first_so_no_connection_is_left_open()
    {
        Assert.Equal(1, await _log.RawWriteAsync(tx => Insert(tx, "one")));
        Assert.True(File.Exists(_log.Path + "-wal"), "the log is a WAL database with its -wal file");

        _log.CloseFiles();

        // The writer's connection was the last: closing it checkpoints the log and deletes the -wal file.
        Assert.False(File.Exists(_log.Path + "-wal"), "the writer thread still held its connection after the files were closed");
        Assert.Equal(1, await _log.RawWriteAsync(tx => Insert(tx, "two")));
        _log.CloseFiles();
        Assert.False(File.Exists(_log.Path + "-wal"), "the writer thread still held its connection after the files were closed again");
    }

    [Fact]
    public async Task An_idle_writer_thread_exits_and_the_next_write_starts_another()
    {
        var first = await _log.RawWriteAsync(_ => Thread.CurrentThread);

        // Idle tenants cost no thread: the writer exits after its quiet period (seconds), by itself.
        await Eventually.Until(() => !first.IsAlive, "the idle writer thread to exit");
        var second = await _log.RawWriteAsync(_ => Thread.CurrentThread);

        Assert.NotSame(first, second);
        Assert.Equal(1, await _log.RawWriteAsync(tx => Insert(tx, "after")));
    }

    [Fact]
    public async Task A_batch_takes_1024_writes_and_leaves_the_rest_queued_for_the_next()
    {
        using var gate = _log.HoldCommits();
        var first = _log.RawWriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");
        var queued = Enumerable.Range(0, 2500).Select(i => _log.RawWriteAsync(tx => Insert(tx, $"w{i:D4}"))).ToList();

        gate.ReleaseOne();
        await first;
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the second batch to wait at the gate");
        Assert.Equal(2500 - 1024, _log.QueuedWrites);
        gate.ReleaseOne();
        await Eventually.Until(() => _log.QueuedWrites, n => n == 2500 - 2048, "the third batch to be taken");
        gate.Release();
        await Task.WhenAll(queued);

        Assert.Equal(4, _log.Stats.Commits);
    }

    [Fact]
    public async Task A_write_is_work_in_hand_until_its_commit_and_none_is_left_after()
    {
        Assert.True(_log.Work.IsIdle(0));
        using var gate = _log.HoldCommits();
        var write = _log.RawWriteAsync(tx => Insert(tx, "one"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the batch to wait at the gate");

        Assert.False(_log.Work.IsIdle(0), "a write waiting for its commit is not counted as work in hand");
        gate.Release();
        Assert.Equal(1, await write);
        await Eventually.Until(() => _log.Work.IsIdle(0), "no work in hand once the write committed");
    }

    [Fact]
    public async Task A_write_that_fails_leaves_no_work_in_hand_and_costs_no_commit()
    {
        var wrong = _log.RawWriteAsync<int>(_ => throw new InvalidOperationException("no"));
        await Assert.ThrowsAsync<InvalidOperationException>(() => wrong);

        await Eventually.Until(() => _log.Work.IsIdle(0), "no work in hand once the write failed");
        // The batch held only the failed write: nothing is left to commit, so nothing is.
        Assert.Equal(0, _log.Stats.Commits);
        Assert.Equal(0, _log.Stats.Writes);
    }

    [Fact]
    public async Task Writes_whose_commit_fails_leave_no_work_in_hand()
    {
        using var gate = _log.HoldCommits();
        var first = _log.RawWriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");
        var a = _log.RawWriteAsync(tx => Insert(tx, "a"));
        // Ends the batch's transaction behind the writer's back, so its COMMIT fails.
        var b = _log.RawWriteAsync(tx => tx.Execute("ROLLBACK"));
        gate.Release();

        Assert.Equal(1, await first);
        Assert.Same(await Assert.ThrowsAnyAsync<Exception>(() => a), await Assert.ThrowsAnyAsync<Exception>(() => b));
        await Eventually.Until(() => _log.Work.IsIdle(0), "no work in hand once the commit failed");
    }

    [Fact]
    public async Task The_time_spent_committing_is_counted_from_the_commit_and_not_beyond_it()
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        Assert.Equal(1, await _log.RawWriteAsync(tx => Insert(tx, "one")));
        var total = elapsed.ElapsedTicks;

        Assert.InRange(_log.Stats.CommitTicks, 1, total);
    }

    private static int Insert(LogTransaction tx, string id) => tx.Execute(
        "INSERT INTO instances (id, seq, workflow, version, status, params, created_at, updated_at) VALUES ($0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM instances), 'w', 1, 'queued', 'null', 0, 0)",
        id);
}
