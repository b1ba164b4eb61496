using Microsoft.Data.Sqlite;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// A SQLite file the crash host left behind, read directly with SQL: the test checks what is on disk, not what the
/// engine says about it.
/// </summary>
internal sealed class LogFile : IDisposable
{
    private readonly SqliteConnection _connection;

    /// <param name="readOnly">Opens it read-only: a copy taken to look at stays as it was copied.</param>
    public LogFile(string path, bool readOnly = false)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No database at {path}.", path);
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
        }.ToString());
        _connection.Open();
    }

    /// <summary>The result of <c>PRAGMA integrity_check</c>: "ok", or the problems found, one per line.</summary>
    public string IntegrityCheck() => string.Join('\n', Query("PRAGMA integrity_check", r => r.GetString(0)));

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public void Dispose() => _connection.Dispose();
}
