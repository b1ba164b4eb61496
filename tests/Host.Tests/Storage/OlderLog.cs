using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>Tenant logs as earlier Skeins wrote them, for the tests of opening and migrating them.</summary>
internal static class OlderLog
{
    /// <summary>
    /// Writes the log at <paramref name="path"/> with the first <paramref name="migrations"/> of the schema (and the
    /// mode those Skeins left: no auto-vacuum), holding one instance: id <c>old</c>, workflow <c>w</c>, version 1,
    /// params <c>null</c>, queued, created at 5.
    /// </summary>
    public static void Write(string path, int migrations)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var connection = SqliteDatabase.OpenPrivate(path, create: true);
        SchemaMigrator.Migrate(connection, TenantLogSchema.Migrations.Take(migrations).ToList(), "The test log");
        SqliteDatabase.Execute(connection, """
            INSERT INTO instances (id, seq, workflow, version, status, params, created_at, updated_at)
            VALUES ('old', 1, 'w', 1, 'queued', 'null', 5, 5);
            """);
    }
}
