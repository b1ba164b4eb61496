using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer's own connection: it leaves checkpoints to the checkpointer while it writes, and gives its connection
/// back to the pool as SQLite's default would have it, so the next user of that connection checkpoints on its own.
/// </summary>
public sealed class LogWriterConnectionTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly string _path;
    private readonly LogWriter _writer;

    public LogWriterConnectionTests()
    {
        _path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        // The schema, then the pool emptied (Dispose clears it): the writer's connection is the only one pooled.
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
    public async Task The_writer_never_checkpoints_inside_a_commit_and_its_pooled_connection_does_again_once_it_stops()
    {
        Assert.Equal(0L, await _writer.WriteAsync(tx => tx.Scalar<long>("PRAGMA wal_autocheckpoint")));

        _writer.Quiesce();

        // The connection the writer closed is the pool's only one: the next open gets it back.
        using var connection = SqliteDatabase.Open(_path);
        Assert.Equal(1000L, SqliteDatabase.Scalar<long>(connection, "PRAGMA wal_autocheckpoint"));
    }
}
