using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// An open read connection of a tenant log, set up once (<see cref="SqliteDatabase.OpenPrivate"/>) and kept with its
/// statements prepared: a read rebinds their parameters instead of compiling the SQL again (SQLite's statements live
/// only as long as the <see cref="SqliteConnection"/> that prepared them, so the connection is kept open between reads).
/// Used by one read at a time (<see cref="ReadConnections"/> lends it out).
/// </summary>
internal sealed class ReadConnection(SqliteConnection connection, int epoch) : IDisposable
{
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _snapshot;

    /// <summary>The pool's epoch when it was opened: a connection of an earlier epoch is closed instead of kept.</summary>
    public int Epoch { get; } = epoch;

    /// <summary>Reads until the returned scope ends see one snapshot of the log.</summary>
    public Snapshot BeginSnapshot()
    {
        _snapshot = connection.BeginTransaction(deferred: true);
        return new Snapshot(this);
    }

    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> read, object?[] args)
    {
        var rows = new List<T>();
        using var reader = Prepare(sql, args).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    /// <remarks>Closing the connection finalizes every statement prepared on it, so the commands need no disposing.</remarks>
    public void Dispose()
    {
        _commands.Clear();
        _snapshot?.Dispose();
        connection.Dispose();
    }

    private SqliteCommand Prepare(string sql, object?[] args)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < args.Length; i++)
            {
                command.Parameters.Add(new SqliteParameter("$" + i, null));
            }

            command.Prepare();
            _commands[sql] = command;
        }

        command.Transaction = _snapshot;
        for (var i = 0; i < args.Length; i++)
        {
            command.Parameters[i].Value = args[i] ?? DBNull.Value;
        }

        return command;
    }

    private void EndSnapshot()
    {
        _snapshot?.Dispose();
        _snapshot = null;
    }

    /// <summary>The scope of a consistent read: ending it ends the read transaction.</summary>
    public readonly struct Snapshot(ReadConnection owner) : IDisposable
    {
        public void Dispose() => owner.EndSnapshot();
    }
}
