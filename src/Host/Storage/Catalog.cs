using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>The node catalog: which tenants live on this node.</summary>
internal sealed class Catalog
{
    private readonly string _path;

    private Catalog(string path) => _path = path;

    public static Catalog Open(string dataDir)
    {
        Directory.CreateDirectory(dataDir);
        var path = Path.Combine(dataDir, "catalog.db");
        using (var connection = SqliteDatabase.Open(path))
        {
            SchemaMigrator.Migrate(connection, CatalogSchema.Migrations, "The node catalog");
        }

        return new Catalog(path);
    }

    /// <summary>Adds the tenant if it is new; true when it was added.</summary>
    public bool AddTenant(string id, long now)
    {
        using var connection = SqliteDatabase.Open(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO tenants (id, created_at) VALUES ($id, $now)";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", now);
        return command.ExecuteNonQuery() > 0;
    }

    public IReadOnlyList<string> ListTenants()
    {
        using var connection = SqliteDatabase.Open(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM tenants ORDER BY id";
        var ids = new List<string>();
        using SqliteDataReader reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
