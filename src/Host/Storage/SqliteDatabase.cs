using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>Opens SQLite connections the way every Skein database needs them.</summary>
internal static class SqliteDatabase
{
    public static string ConnectionString(string path) => new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    /// <summary>
    /// Opens a connection with <c>synchronous=FULL</c>: the setting is per connection, and without it a commit in
    /// WAL mode survives a process crash but not a power loss.
    /// </summary>
    public static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(ConnectionString(path));
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000;");
        return connection;
    }

    /// <summary>
    /// Opens a connection outside the pool, so that closing it really closes the file (a backup snapshot, a staged
    /// restore, a log's kept readers, which are a pool of their own): those files are written too, and get the same
    /// <c>synchronous=FULL</c> rather than a build default.
    /// </summary>
    public static SqliteConnection OpenPrivate(string path, bool create = false)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = create ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    /// <summary>Closes the idle pooled connections to <paramref name="path"/>, so the file can be moved or replaced.</summary>
    public static void ClearPool(string path)
    {
        using var connection = new SqliteConnection(ConnectionString(path));
        SqliteConnection.ClearPool(connection);
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static T? Scalar<T>(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
