using Skein.Host.Storage;
using SQLitePCL;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer keeps its statements prepared while it runs; the connection it gives back to the pool when it stops
/// holds none of them, so the next user of that connection (a reader, a migration) does not keep them alive.
/// </summary>
public sealed class LogWriterStatementTests : IDisposable
{
    private readonly WriterOnNewLog _log = new();

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task The_connection_the_writer_gives_back_to_the_pool_holds_no_prepared_statement()
    {
        await _log.Writer.WriteAsync(tx =>
        {
            tx.Execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL);");
            tx.Execute("INSERT INTO notes (text) VALUES ($0);", "one");
            return tx.Scalar<long>("SELECT COUNT(*) FROM notes;");
        });

        _log.Writer.Quiesce();

        // The connection the writer closed is the pool's only one: the next open gets it back.
        using var connection = SqliteDatabase.Open(_log.Path);
        Assert.Equal(0, PreparedStatements(connection.Handle!));

        // The measure sees a statement kept prepared by a command not yet disposed.
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT COUNT(*) FROM notes;";
            Assert.Equal(1L, command.ExecuteScalar());
            Assert.True(PreparedStatements(connection.Handle!) > 0, "a prepared statement uses memory");
        }

        Assert.Equal(0, PreparedStatements(connection.Handle!));
    }

    /// <summary>Heap the connection's prepared statements use: none when no statement is left.</summary>
    private static int PreparedStatements(sqlite3 db)
    {
        raw.sqlite3_db_status(db, raw.SQLITE_DBSTATUS_STMT_USED, out var used, out _, 0);
        return used;
    }
}
