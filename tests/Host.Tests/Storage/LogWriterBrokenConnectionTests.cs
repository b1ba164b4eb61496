using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A connection lost under the writer (closed in the middle of a batch, as an I/O error can leave it): the batch
/// fails and says so, nothing of it is written, and the next write opens a new connection.
/// </summary>
public sealed class LogWriterBrokenConnectionTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly string _path;
    private readonly LogWriter _writer;

    public LogWriterBrokenConnectionTests()
    {
        _path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        TenantLog.Open("t1", _path).Dispose();
        _writer = new LogWriter(_path, "t1", new WorkInFlight());
    }

    public void Dispose()
    {
        _writer.Dispose();
        SqliteDatabase.ClearPool(_path);
        _dir.Dispose();
    }

    [Fact]
    public async Task A_batch_whose_connection_is_closed_under_it_fails_and_the_next_write_commits_on_a_new_connection()
    {
        await _writer.WriteAsync(tx => tx.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"));

        await Assert.ThrowsAnyAsync<InvalidOperationException>(_writer.BreakConnectionAsync);

        Assert.Equal(1, await _writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text) VALUES ($0);", "after")));
        Assert.Equal(1L, await _writer.WriteAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM notes;")));
        Assert.Equal(3, _writer.Stats.Commits);
    }
}
