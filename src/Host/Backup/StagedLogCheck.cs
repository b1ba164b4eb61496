using Microsoft.Data.Sqlite;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Checks the staged copy of a tenant log: SQLite's own integrity check, a schema this build can open (older ones
/// are migrated here, in the staging folder), and what it needs from the archive.
/// </summary>
internal static class StagedLogCheck
{
    public static LogSnapshot Verify(string staging, BackupManifest manifest)
    {
        var path = Path.Combine(staging, BackupManifest.LogFile);
        try
        {
            using (var connection = LogSnapshot.OpenPrivate(path))
            {
                var verdict = IntegrityCheck(connection);
                if (verdict != "ok")
                {
                    throw new BackupRejectedException($"log.db fails PRAGMA integrity_check: {verdict}");
                }

                var version = SchemaMigrator.ReadVersion(connection);
                if (version != manifest.SchemaVersion)
                {
                    throw new BackupRejectedException($"log.db has schema version {version}, but the manifest says {manifest.SchemaVersion}.");
                }

                if (version > TenantLogSchema.Migrations.Count)
                {
                    throw new BackupRejectedException(
                        $"log.db has schema version {version}; this Skein knows versions up to {TenantLogSchema.Migrations.Count}. Restore it on a newer Skein.");
                }

                SchemaMigrator.Migrate(connection, TenantLogSchema.Migrations, "The restored log");
                // Back to a self-contained file: the staged folder must not carry a -wal of its own into the swap.
                SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
            }

            DeleteSidecars(path);
            return LogSnapshot.Read(path);
        }
        catch (SqliteException error) when (!SqliteFailureCause.IsTheHosts(error))
        {
            throw new BackupRejectedException($"log.db is not a readable SQLite database: {error.Message}");
        }
        finally
        {
            DeleteSidecars(path);
        }
    }

    private static string IntegrityCheck(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check(20);";
        using var reader = command.ExecuteReader();
        var lines = new List<string>();
        while (reader.Read())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join("; ", lines);
    }

    private static void DeleteSidecars(string path)
    {
        File.Delete(path + "-wal");
        File.Delete(path + "-shm");
        File.Delete(path + "-journal");
    }
}
