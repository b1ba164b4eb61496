using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>Forward-only migrations tracked in <c>PRAGMA user_version</c>.</summary>
internal static class SchemaMigrator
{
    /// <summary>
    /// Brings the database to the newest schema. Migration <c>i</c> takes the schema from version <c>i</c> to
    /// <c>i + 1</c>; each runs in its own transaction together with the version bump.
    /// </summary>
    /// <exception cref="SchemaVersionException">The file was written by a newer Skein.</exception>
    public static void Migrate(SqliteConnection connection, IReadOnlyList<string> migrations, string what)
    {
        // WAL is a property of the file, so setting it once here is enough.
        SqliteDatabase.Execute(connection, "PRAGMA journal_mode=WAL;");
        var current = ReadVersion(connection);
        if (current > migrations.Count)
        {
            throw new SchemaVersionException(
                $"{what} has schema version {current}, but this Skein knows versions up to {migrations.Count}; upgrade Skein to open it.");
        }

        for (var version = current; version < migrations.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    public static int ReadVersion(SqliteConnection connection) =>
        SqliteDatabase.Scalar<int>(connection, "PRAGMA user_version;");
}
