using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// The writer connection as seen by one log write: prepared statements cached by their SQL text, executed inside
/// the batch's transaction.
/// </summary>
internal sealed class LogTransaction
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;

    public LogTransaction(SqliteConnection connection) => _connection = connection;

    internal void Begin() => _transaction = _connection.BeginTransaction();

    internal void Commit()
    {
        _transaction!.Commit();
        _transaction.Dispose();
        _transaction = null;
    }

    internal void Rollback()
    {
        _transaction?.Rollback();
        _transaction?.Dispose();
        _transaction = null;
    }

    public int Execute(string sql, params object?[] args) => Prepare(sql, args).ExecuteNonQuery();

    public T? Scalar<T>(string sql, params object?[] args)
    {
        var value = Prepare(sql, args).ExecuteScalar();
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params object?[] args)
    {
        var rows = new List<T>();
        using var reader = Prepare(sql, args).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private SqliteCommand Prepare(string sql, object?[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = _connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i, null));
            }

            _commands[sql] = command;
        }

        command.Transaction = _transaction;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }
}
