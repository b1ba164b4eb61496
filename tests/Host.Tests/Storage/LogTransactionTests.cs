using Microsoft.Data.Sqlite;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer's statements run on SQLite's own prepared statements, bound by position: each <c>$n</c> takes argument
/// n whatever order the SQL names them in, values keep their SQLite types, and failures are the same
/// <see cref="SqliteException"/>s ADO.NET throws (the storage faults classify them by code).
/// </summary>
public sealed class LogTransactionTests : IDisposable
{
    private readonly WriterOnNewLog _log = new();

    public LogTransactionTests() =>
        _log.Writer.WriteAsync(tx => tx.Execute(
            "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT, amount REAL, data BLOB, flag INTEGER)")).GetAwaiter().GetResult();

    public void Dispose() => _log.Dispose();

    [Fact]
    public async Task Parameters_named_out_of_order_take_the_argument_of_their_number()
    {
        // SQLite numbers $1 first here (it appears first): bound by that index, the text would land in id.
        await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text, id) VALUES ($1, $0)", 7L, "seven"));
        await _log.Writer.WriteAsync(tx => tx.Execute("UPDATE notes SET text = $1 || $1 WHERE id = $0", 7, "x"));

        var row = await _log.Writer.WriteAsync(tx => tx.Rows("SELECT id, text FROM notes", r => (r.GetInt64(0), r.GetString(1))));

        Assert.Equal([(7L, "xx")], row);
    }

    [Fact]
    public async Task Values_keep_their_types_and_null_reads_back_as_null()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute(
            "INSERT INTO notes (id, text, amount, data, flag) VALUES ($0, $1, $2, $3, $4)", 1, "é€𝄞", 2.5, new byte[] { 1, 2, 3 }, true));
        await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (id, text) VALUES ($0, $1)", 2, null));

        Assert.Equal("é€𝄞", await _log.Writer.WriteAsync(tx => tx.Scalar<string>("SELECT text FROM notes WHERE id = $0", 1)));
        Assert.Equal(2.5, await _log.Writer.WriteAsync(tx => tx.Scalar<double>("SELECT amount FROM notes WHERE id = $0", 1)));
        Assert.Equal([1, 2, 3], await _log.Writer.WriteAsync(tx => tx.Scalar<byte[]>("SELECT data FROM notes WHERE id = $0", 1)));
        Assert.Equal(1L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("SELECT flag FROM notes WHERE id = $0", 1)));
        Assert.Null(await _log.Writer.WriteAsync(tx => tx.Scalar<string>("SELECT text FROM notes WHERE id = $0", 2)));
        Assert.Null(await _log.Writer.WriteAsync(tx => tx.Scalar<long?>("SELECT id FROM notes WHERE id = $0", 3)));
        Assert.True(await _log.Writer.WriteAsync(tx => tx.Rows("SELECT text FROM notes WHERE id = $0", r => r.IsDBNull(0), 2)[0]));
        Assert.Equal("integer", await _log.Writer.WriteAsync(tx => tx.Scalar<string>("SELECT typeof(flag) FROM notes WHERE id = $0", 1)));
    }

    [Fact]
    public async Task Execute_counts_the_rows_a_statement_changed_and_a_reused_statement_starts_afresh()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (id, text) VALUES (1, 'a'), (2, 'b'), (3, 'c')"));

        var counts = await _log.Writer.WriteAsync(tx => new[]
        {
            tx.Execute("UPDATE notes SET flag = 1 WHERE id >= $0", 2),
            tx.Execute("UPDATE notes SET flag = 1 WHERE id >= $0", 3),
            tx.Execute("UPDATE notes SET flag = 1 WHERE id >= $0", 9),
            tx.Execute("SELECT id FROM notes"),
        });

        Assert.Equal([2, 1, 0, -1], counts);
    }

    [Fact]
    public async Task A_constraint_violation_is_the_SqliteException_ADO_NET_throws_and_fails_that_write_alone()
    {
        await _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (id, text) VALUES (1, 'a')"));

        var failed = _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (id, text) VALUES ($0, $1)", 1, "again"));
        var other = _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (id, text) VALUES ($0, $1)", 2, "b"));

        var error = await Assert.ThrowsAsync<SqliteException>(() => failed);
        Assert.Equal(19, error.SqliteErrorCode); // SQLITE_CONSTRAINT
        Assert.Equal(1555, error.SqliteExtendedErrorCode); // SQLITE_CONSTRAINT_PRIMARYKEY
        Assert.Equal(1, await other);
        Assert.Equal(2L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM notes")));
    }

    [Theory]
    [InlineData("INSERT INTO notes (id) VALUES (1); INSERT INTO notes (id) VALUES (2)", "single SQL statement")]
    [InlineData("INSERT INTO notes (id) VALUES (?)", "$0, $1")]
    [InlineData("INSERT INTO notes (id) VALUES ($2)", "$2")]
    public async Task A_statement_the_writer_cannot_bind_is_refused_before_it_runs(string sql, string message)
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => _log.Writer.WriteAsync(tx => tx.Execute(sql, 1)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(0L, await _log.Writer.WriteAsync(tx => tx.Scalar<long>("SELECT COUNT(*) FROM notes")));
    }

    [Fact]
    public async Task A_value_of_a_type_the_log_does_not_store_is_refused()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            _log.Writer.WriteAsync(tx => tx.Execute("INSERT INTO notes (text) VALUES ($0)", InstanceStatus.Running)));

        Assert.Contains("StoredNames", error.Message, StringComparison.Ordinal);
    }
}
