using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer's own connection: it leaves checkpoints to the checkpointer while it writes, and gives its connection
/// back to the pool as SQLite's default would have it, so the next user of that connection checkpoints on its own.
/// </summary>
public sealed class LogWriterConnectionTests : IDisposable
{
    private readonly WriterOnNewLog _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task The_writer_never_checkpoints_inside_a_commit_and_its_pooled_connection_does_again_once_it_stops()
    {
        Assert.Equal(0L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("PRAGMA wal_autocheckpoint")));

        _log.Writer.Quiesce();

        // The connection the writer closed is the pool's only one: the next open gets it back.
        using var connection = SqliteDatabase.Open(_log.Path);
        Assert.Equal(1000L, SqliteDatabase.Scalar<long>(connection, "PRAGMA wal_autocheckpoint"));
    }
}
