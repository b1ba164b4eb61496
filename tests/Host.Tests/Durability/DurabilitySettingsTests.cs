using Microsoft.Data.Sqlite;
using Skein.Host.Backup;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Durability;

/// <summary>
/// Every kind of SQLite connection the host opens, asked for its settings: <c>synchronous</c> must be FULL (2), or a
/// commit that survives kill -9 can still be lost to a power cut, and the journal must be the WAL. Together with
/// <see cref="SqliteOpenSitesTests"/> (no connection is made anywhere else) this covers every connection.
/// </summary>
public sealed class DurabilitySettingsTests : IDisposable
{
    private const long Full = 2;

    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Log_writer_connection_commits_with_synchronous_full_in_wal_mode()
    {
        var path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        TenantLog.Open("t1", path).Dispose();
        using var writer = new LogWriter(path, "t1", new WorkInFlight());

        // Runs on the writer's own thread and connection, inside the batch transaction it commits.
        var (synchronous, journal) = await writer.WriteAsync(tx => (tx.Scalar<long>("PRAGMA synchronous"), tx.Scalar<string>("PRAGMA journal_mode")));

        Assert.Equal(Full, synchronous);
        Assert.Equal("wal", journal);
    }

    [Fact]
    public void Log_reader_connections_from_the_pool_have_synchronous_full_in_wal_mode()
    {
        using var log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        // The readers' own calls first, so the connection below comes back from the pool they used.
        Assert.Empty(log.ListRunnable());
        Assert.Empty(log.CountByStatus());

        using var reader = SqliteDatabase.Open(log.Path);

        AssertSettings(reader, Full, "wal");
    }

    [Fact]
    public void Catalog_connections_have_synchronous_full_in_wal_mode()
    {
        var catalog = Catalog.Open(_dir.Path);
        Assert.True(catalog.AddTenant("t1", 1));

        using var connection = SqliteDatabase.Open(Path.Combine(_dir.Path, "catalog.db"));

        AssertSettings(connection, Full, "wal");
    }

    [Fact]
    public void Backup_snapshot_is_written_with_synchronous_full_and_is_a_wal_database()
    {
        using var log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        var snapshot = Path.Combine(_dir.Path, "snapshot.db");

        // The connection TenantLog.BackupTo writes the snapshot through. It is a rollback journal while the backup
        // API fills the new file (one transaction, the -journal gone when it returns, so no sidecar file can be
        // missed by the archive); the pages it copies carry the log's WAL mode into the file.
        using (var target = SqliteDatabase.OpenPrivate(Path.Combine(_dir.Path, "probe.db"), create: true))
        {
            AssertSettings(target, Full, "delete");
        }

        log.BackupTo(snapshot);

        using var copy = LogSnapshot.OpenPrivate(snapshot);
        AssertSettings(copy, Full, "wal");
        Assert.False(File.Exists(snapshot + "-journal"));
    }

    [Fact]
    public void Restore_staging_connection_has_synchronous_full_in_wal_mode()
    {
        using var log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
        var staged = Path.Combine(_dir.Path, "staging", "log.db");
        Directory.CreateDirectory(Path.GetDirectoryName(staged)!);
        log.BackupTo(staged);

        // The connection StagedLogCheck verifies, migrates and checkpoints the staged copy through.
        using var connection = LogSnapshot.OpenPrivate(staged);

        AssertSettings(connection, Full, "wal");
    }

    private static void AssertSettings(SqliteConnection connection, long synchronous, string journal)
    {
        Assert.Equal(synchronous, SqliteDatabase.Scalar<long>(connection, "PRAGMA synchronous"));
        Assert.Equal(journal, SqliteDatabase.Scalar<string>(connection, "PRAGMA journal_mode"));
    }
}
