using Microsoft.Data.Sqlite;
using Skein.Host.Backup;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Durability;

/// <summary>
/// A log file the host is done with is really closed: SQLite checkpoints a WAL database and deletes its <c>-wal</c>
/// and <c>-shm</c> files only when its last connection closes, so a pooled connection left open shows as sidecar
/// files next to a log that is about to be moved, archived or replaced.
/// </summary>
public sealed class SqliteFileReleaseTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_tenant_log_that_is_closed_keeps_no_connection_to_its_file()
    {
        var path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        using (var log = TenantLog.Open("t1", path))
        {
            var created = await log.CreateInstanceAsync(new NewInstance("i1", "w", 1, "null", 1));
            Assert.True(created.Created);
            Assert.Null(log.FindInstance("missing"));
            Assert.True(File.Exists(path + "-wal"), "the open log is a WAL database with its -wal file");
        }

        Assert.False(File.Exists(path + "-wal"), "the -wal file outlived the log: a pooled connection still holds it");
        Assert.False(File.Exists(path + "-shm"));
    }

    [Fact]
    public void Reading_a_snapshot_leaves_no_connection_to_it()
    {
        using var log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        var snapshot = Path.Combine(_dir.Path, "snapshot.db");
        log.BackupTo(snapshot);

        var read = LogSnapshot.Read(snapshot);

        Assert.Equal(0, read.Instances);
        Assert.Equal(["snapshot.db"], Directory.GetFiles(_dir.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_snapshot_that_is_missing_is_not_created_empty()
    {
        var missing = Path.Combine(_dir.Path, "staging", "log.db");
        Directory.CreateDirectory(Path.GetDirectoryName(missing)!);

        Assert.Throws<SqliteException>(() => LogSnapshot.Read(missing));

        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(missing)!));
    }
}
