using Microsoft.Data.Sqlite;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>What a copied tenant log says about itself: schema, last committed position and the versions it needs.</summary>
internal sealed record LogSnapshot(int SchemaVersion, long LastPosition, long Instances, IReadOnlyList<int> UnfinishedVersions)
{
    /// <summary>Reads a log file that no one else has open (a snapshot or a staged copy).</summary>
    public static LogSnapshot Read(string path)
    {
        using var connection = OpenPrivate(path);
        var schema = SqliteDatabase.Scalar<int>(connection, "PRAGMA user_version;");
        var hasHistory = SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'history'") > 0;
        var last = hasHistory ? SqliteDatabase.Scalar<long>(connection, "SELECT COALESCE(MAX(seq), 0) FROM history") : 0;
        var instances = SqliteDatabase.Scalar<long>(connection, "SELECT COUNT(*) FROM instances");
        var versions = new List<int>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT version FROM instances WHERE ended_at IS NULL ORDER BY version";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                versions.Add(reader.GetInt32(0));
            }
        }

        return new LogSnapshot(schema, last, instances, versions);
    }

    /// <summary>A connection outside the pool, so that closing it really closes the file.</summary>
    public static SqliteConnection OpenPrivate(string path) => SqliteDatabase.OpenPrivate(path);
}
