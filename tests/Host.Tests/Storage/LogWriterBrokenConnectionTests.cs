using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A connection lost under the writer (closed in the middle of a batch, as an I/O error can leave it): the batch
/// fails and says so, nothing of it is written, and the next write opens a new connection.
/// </summary>
public sealed class LogWriterBrokenConnectionTests : IDisposable
{
    private readonly WriterOnNewLog _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task A_batch_whose_connection_is_closed_under_it_fails_and_the_next_write_commits_on_a_new_connection()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"));

        await Assert.ThrowsAnyAsync<InvalidOperationException>(_log.Writer.BreakConnectionAsync);

        Assert.Equal(1, await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text) VALUES ($0);", "after")));
        Assert.Equal(1L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM notes;")));
        Assert.Equal(3, _log.Writer.Stats.Commits);
    }
}
