using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The WAL of a tenant log is copied back into the database file beside the writer, never inside one of its
/// commits: a commit that had to copy a WAL grown behind a long reader (a backup) stalled every write behind it.
/// </summary>
public sealed class WalCheckpointTests : IDisposable
{
    private const int Rows = 400;
    private const int RowBytes = 16 * 1024;

    /// <summary>An instance's params of <see cref="RowBytes"/>: a JSON string, as a client could send it.</summary>
    private static readonly string Padding = $"\"{new string('x', RowBytes - 2)}\"";

    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public WalCheckpointTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Commits_leave_the_wal_to_the_checkpointer_which_copies_it_into_the_database_file()
    {
        using var gate = new CommitGate();
        _log.Checkpointer.Gate = gate;

        // 400 instances with 16 KiB of params: about 1,600 pages, past the 1,000 that call for a checkpoint, in separate commits.
        for (var i = 0; i < Rows; i++)
        {
            await _log.CreateInstanceAsync(new NewInstance($"i{i}", "w", 1, Padding, 1));
        }

        // Every write committed while the checkpoint waited: no commit copied the rows into the database file. (Its size
        // is compared with the rows, not with its size before: SQLite checkpoints the schema's few pages by itself when
        // the last connection to the file closes, as a parallel test's SqliteConnection.ClearAllPools can make happen.)
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the checkpoint to be asked for and wait at its gate");
        Assert.True(new FileInfo(_log.Path).Length < Rows * RowBytes / 10, "the rows are not in the database file yet");
        Assert.True(new FileInfo(_log.Path + "-wal").Length > Rows * RowBytes, "the rows are in the WAL");

        gate.Release();
        await Eventually.Until(() => new FileInfo(_log.Path).Length, size => size > Rows * RowBytes,
            "the checkpoint to copy the WAL into the database file");
        Assert.Null(_log.Checkpointer.LastError);
        Assert.Equal(Rows, _log.CountByStatus().Values.Sum());
    }

    [Fact]
    public async Task Closing_the_files_waits_for_a_running_checkpoint()
    {
        using var gate = new CommitGate();
        _log.Checkpointer.Gate = gate;
        for (var i = 0; i < Rows; i++)
        {
            await _log.CreateInstanceAsync(new NewInstance($"i{i}", "w", 1, Padding, 1));
        }

        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the checkpoint to wait at its gate");
        var closing = Task.Run(_log.CloseFiles);
        await Eventually.Until(() => _log.Checkpointer.IdleWaiters, n => n == 1, "the close to wait for the running checkpoint");
        Assert.False(closing.IsCompleted, "the files stay open while a checkpoint uses them");

        gate.Release();
        await closing.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(_log.Checkpointer.Completed >= 1);
    }
}
