using Microsoft.Data.Sqlite;

namespace Skein.Router.Placement;

/// <summary>Opens the router's SQLite database the way the host opens its own: WAL, <c>synchronous=FULL</c> on every connection.</summary>
internal static class PlacementDatabase
{
    public const string FileName = "router.db";

    /// <summary>
    /// <c>synchronous</c> is per connection: without FULL a placement acknowledged to the operator could be lost to a
    /// power cut, and its tenant would then answer 404 although it exists on a node.
    /// </summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
