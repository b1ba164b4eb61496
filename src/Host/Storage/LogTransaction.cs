using System.Data;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Skein.Host.Storage;

/// <summary>
/// The writer connection as seen by one log write: statements prepared once per connection and cached by their SQL
/// text, executed inside the batch's transaction. Dispose it before the connection closes: it owns the statements
/// prepared outside ADO.NET.
/// </summary>
/// <remarks>
/// <see cref="Execute"/>, <see cref="Scalar{T}"/> and <see cref="Rows{T}"/> bind by position on the SQLite statement
/// itself: ADO.NET's execution (a data reader per call, each parameter bound by name) cost the writer more than the
/// statements' own work on the per-step path. Errors surface as the same <see cref="SqliteException"/> ADO.NET throws,
/// so the storage faults keep their classification. <see cref="Query{T}"/> keeps ADO.NET's reader for the row readers
/// it shares with the read connections.
/// </remarks>
internal sealed class LogTransaction : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Prepared> _statements = new(StringComparer.Ordinal);
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

    /// <summary>Runs a statement; returns the rows it changed (-1 for a statement that changes none by nature).</summary>
    public int Execute(string sql, params object?[] args)
    {
        var statement = Bound(sql, args);
        try
        {
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
            }

            Check(rc);
            return raw.sqlite3_stmt_readonly(statement) != 0 ? -1 : raw.sqlite3_changes(_connection.Handle);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>The first column of the first row, converted to <typeparamref name="T"/>; default when there is none or it is null.</summary>
    public T? Scalar<T>(string sql, params object?[] args)
    {
        var statement = Bound(sql, args);
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc != raw.SQLITE_ROW)
            {
                Check(rc);
                return default;
            }

            object? value = raw.sqlite3_column_type(statement, 0) switch
            {
                raw.SQLITE_INTEGER => raw.sqlite3_column_int64(statement, 0),
                raw.SQLITE_FLOAT => raw.sqlite3_column_double(statement, 0),
                raw.SQLITE_TEXT => raw.sqlite3_column_text(statement, 0).utf8_to_string(),
                raw.SQLITE_BLOB => raw.sqlite3_column_blob(statement, 0).ToArray(),
                _ => null,
            };
            return value is null ? default : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    /// <summary>Reads every row with <paramref name="read"/>, on the statement itself (see the remarks).</summary>
    public List<T> Rows<T>(string sql, Func<LogRow, T> read, params object?[] args)
    {
        var statement = Bound(sql, args);
        try
        {
            var rows = new List<T>(1);
            int rc;
            while ((rc = raw.sqlite3_step(statement)) == raw.SQLITE_ROW)
            {
                rows.Add(read(new LogRow(statement)));
            }

            Check(rc);
            return rows;
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, params object?[] args)
    {
        var rows = new List<T>();
        using var reader = Command(sql, args).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <summary>Finalizes the statements prepared outside ADO.NET (closing the connection disposes only its commands).</summary>
    public void Dispose()
    {
        foreach (var prepared in _statements.Values)
        {
            prepared.Statement.Dispose();
        }

        _statements.Clear();
    }

    private sqlite3_stmt Bound(string sql, object?[] args)
    {
        // ADO.NET refuses a closed connection the same way; a connection closed under the writer fails its batch.
        if (_connection.State != ConnectionState.Open)
        {
            throw new InvalidOperationException("The log's write connection is closed.");
        }

        if (!_statements.TryGetValue(sql, out var prepared))
        {
            prepared = Prepare(sql);
            _statements[sql] = prepared;
        }

        var statement = prepared.Statement;
        raw.sqlite3_clear_bindings(statement);
        for (var i = 0; i < prepared.Arguments.Length; i++)
        {
            var argument = prepared.Arguments[i];
            if (argument >= args.Length)
            {
                throw new ArgumentException($"The statement uses ${argument} but was given {args.Length} arguments.", nameof(args));
            }

            Check(Bind(statement, i + 1, args[argument]));
        }

        return statement;
    }

    /// <summary>
    /// Prepares one statement and maps its parameters to arguments: SQLite numbers <c>$name</c> parameters in the order
    /// they first appear, so <c>$1 … $0</c> binds index 1 from argument 1 and index 2 from argument 0.
    /// </summary>
    private Prepared Prepare(string sql)
    {
        Check(raw.sqlite3_prepare_v2(_connection.Handle, sql, out var statement, out var tail));
        if (!string.IsNullOrWhiteSpace(tail))
        {
            statement.Dispose();
            throw new ArgumentException("A log statement must be a single SQL statement.", nameof(sql));
        }

        var arguments = new int[raw.sqlite3_bind_parameter_count(statement)];
        for (var i = 0; i < arguments.Length; i++)
        {
            var name = raw.sqlite3_bind_parameter_name(statement, i + 1).utf8_to_string();
            if (name is null || name.Length < 2 || name[0] != '$' || !int.TryParse(name.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out arguments[i]))
            {
                statement.Dispose();
                throw new ArgumentException($"Log statements name their parameters $0, $1, …; found '{name}'.", nameof(sql));
            }
        }

        return new Prepared(statement, arguments);
    }

    private static int Bind(sqlite3_stmt statement, int index, object? value) => value switch
    {
        null or DBNull => raw.sqlite3_bind_null(statement, index),
        string text => raw.sqlite3_bind_text(statement, index, text),
        long number => raw.sqlite3_bind_int64(statement, index, number),
        int number => raw.sqlite3_bind_int64(statement, index, number),
        bool flag => raw.sqlite3_bind_int64(statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(statement, index, number),
        byte[] bytes => raw.sqlite3_bind_blob(statement, index, bytes),
        Enum => throw new ArgumentException("Store enums by their stored names (StoredNames), not their numbers.", nameof(value)),
        IConvertible convertible => raw.sqlite3_bind_int64(statement, index, convertible.ToInt64(System.Globalization.CultureInfo.InvariantCulture)),
        _ => throw new ArgumentException($"A log statement cannot bind a {value.GetType().Name}.", nameof(value)),
    };

    private void Check(int rc)
    {
        if (rc is not (raw.SQLITE_OK or raw.SQLITE_DONE or raw.SQLITE_ROW))
        {
            SqliteException.ThrowExceptionForRC(rc, _connection.Handle);
        }
    }

    /// <summary>A prepared statement and, for each of its parameters in SQLite's order, the argument it takes.</summary>
    private sealed record Prepared(sqlite3_stmt Statement, int[] Arguments);

    private SqliteCommand Command(string sql, object?[] args)
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

/// <summary>One row of a <see cref="LogTransaction.Rows{T}"/> read; valid only inside the read callback.</summary>
internal readonly struct LogRow(sqlite3_stmt statement)
{
    public bool IsDBNull(int column) => raw.sqlite3_column_type(statement, column) == raw.SQLITE_NULL;

    public long GetInt64(int column) => raw.sqlite3_column_int64(statement, column);

    public int GetInt32(int column) => raw.sqlite3_column_int(statement, column);

    public string GetString(int column) => raw.sqlite3_column_text(statement, column).utf8_to_string();
}
