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

    [Fact]
    public async Task A_write_after_the_connection_closed_in_the_same_batch_fails_and_writes_nothing()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);"));
        using var held = new ManualResetEventSlim();
        // While the writer is held inside this write, the two below queue up and are taken as one batch after it.
        var holding = _log.Writer.WriteAsync(_ => held.Wait(TimeSpan.FromSeconds(30)));
        var broken = _log.Writer.BreakConnectionAsync();
        var after = _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text) VALUES ($0);", "after the close"));
        held.Set();

        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => after);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => broken);
        // The statement must not have run on the handle the closed connection gave back to the pool (outside any
        // transaction, it would have committed on its own).
        Assert.Equal(0L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM notes;")));
        // The holding write commits alone or fails with the batch of the close, as the writer happened to take it.
        await holding.ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
