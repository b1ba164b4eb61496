using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The group-commit writer over a tenant log's file: which writes of a batch become durable when one of them fails,
/// how a long queue is split into batches, and that a write is reported done only once committed.
/// </summary>
public sealed class LogWriterTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly string _path;
    private readonly LogWriter _writer;

    public LogWriterTests()
    {
        _path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        // The log's schema, then its writer alone: these writes are SQL of the test's own, which no log operation takes.
        TenantLog.Open("t1", _path).Dispose();
        _writer = new LogWriter(_path, "t1", new WorkInFlight());
    }

    public void Dispose()
    {
        _writer.Dispose();
        _dir.Dispose();
    }

    private CommitGate HoldCommits()
    {
        var gate = new CommitGate();
        _writer.CommitGate = gate;
        return gate;
    }

    [Fact]
    public async Task A_write_that_throws_fails_alone_and_the_rest_of_its_batch_commits_without_it()
    {
        using var gate = HoldCommits();
        var first = _writer.WriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");

        // Queued while the first batch waits: the next batch holds all four.
        var before = _writer.WriteAsync(tx => Insert(tx, "before"));
        var wrong = _writer.WriteAsync<int>(tx =>
        {
            Insert(tx, "wrong");
            throw new InvalidOperationException("the write is wrong");
        });
        var badSql = _writer.WriteAsync(tx => tx.Execute("INSERT INTO no_such_table VALUES (1)"));
        var after = _writer.WriteAsync(tx => Insert(tx, "after"));
        Assert.Equal(4, _writer.Queued);
        gate.Release();

        Assert.Equal(1, await first);
        Assert.Equal(1, await before);
        Assert.Equal(1, await after);
        Assert.Equal("the write is wrong", (await Assert.ThrowsAsync<InvalidOperationException>(() => wrong)).Message);
        await Assert.ThrowsAsync<SqliteException>(() => badSql);
        Assert.Equal(["after", "before", "first"], Committed());
        Assert.Equal(3, _writer.Stats.Writes);
    }

    [Fact]
    public async Task A_batch_whose_only_write_fails_commits_nothing_and_the_writer_goes_on()
    {
        var wrong = _writer.WriteAsync<int>(tx =>
        {
            Insert(tx, "wrong");
            throw new InvalidOperationException("no");
        });
        await Assert.ThrowsAsync<InvalidOperationException>(() => wrong);

        Assert.Equal(1, await _writer.WriteAsync(tx => Insert(tx, "next")));
        Assert.Equal(["next"], Committed());
    }

    [Fact]
    public async Task When_the_commit_fails_no_write_of_the_batch_is_reported_done()
    {
        using var gate = HoldCommits();
        var first = _writer.WriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");

        var a = _writer.WriteAsync(tx => Insert(tx, "a"));
        // Ends the batch's transaction behind the writer's back, so its COMMIT fails.
        var b = _writer.WriteAsync(tx => tx.Execute("ROLLBACK"));
        gate.Release();

        Assert.Equal(1, await first);
        var failedA = await Assert.ThrowsAnyAsync<Exception>(() => a);
        var failedB = await Assert.ThrowsAnyAsync<Exception>(() => b);
        Assert.Same(failedA, failedB);
        Assert.Equal(["first"], Committed());

        // The writer recovers for the next write.
        Assert.Equal(1, await _writer.WriteAsync(tx => Insert(tx, "later")));
        Assert.Equal(["first", "later"], Committed());
    }

    [Fact]
    public async Task A_queue_longer_than_a_batch_is_committed_in_batches_of_at_most_1024_writes()
    {
        using var gate = HoldCommits();
        var first = _writer.WriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");
        var queued = Enumerable.Range(0, 2500).Select(i => _writer.WriteAsync(tx => Insert(tx, $"w{i:D4}"))).ToList();
        Assert.Equal(2500, _writer.Queued);

        gate.Release();
        await first;
        await Task.WhenAll(queued);

        // 1 + 1024 + 1024 + 452.
        Assert.Equal(4, _writer.Stats.Commits);
        Assert.Equal(2501, _writer.Stats.Writes);
        Assert.Equal(2501, Committed().Count);
        Assert.True(_writer.Stats.CommitTicks > 0);
    }

    [Fact]
    public async Task Writes_queued_during_a_commit_share_the_next_commit()
    {
        using var gate = HoldCommits();
        var first = _writer.WriteAsync(tx => Insert(tx, "first"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");
        var more = Enumerable.Range(0, 10).Select(i => _writer.WriteAsync(tx => Insert(tx, $"m{i}"))).ToList();

        gate.ReleaseOne();
        await first;
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the second batch to wait at the gate");
        Assert.Equal(0, _writer.Queued);
        Assert.All(more, t => Assert.False(t.IsCompleted));
        gate.ReleaseOne();
        await Task.WhenAll(more);

        Assert.Equal(2, _writer.Stats.Commits);
        Assert.Equal(11, _writer.Stats.Writes);
    }

    [Fact]
    public async Task A_disposed_writer_refuses_writes()
    {
        Assert.Equal(1, await _writer.WriteAsync(tx => Insert(tx, "one")));
        _writer.Dispose();

        Assert.Throws<ObjectDisposedException>(() => { _ = _writer.WriteAsync(tx => Insert(tx, "two")); });
    }

    [Fact]
    public async Task A_write_after_the_writer_quiesced_reopens_its_connection()
    {
        Assert.Equal(1, await _writer.WriteAsync(tx => Insert(tx, "one")));
        _writer.Quiesce();
        Assert.Equal(1, await _writer.WriteAsync(tx => Insert(tx, "two")));
        _writer.Quiesce();
        _writer.Quiesce();

        Assert.Equal(["one", "two"], Committed());
    }

    [Fact]
    public async Task Statements_are_bound_by_position_and_reused_with_new_values()
    {
        await _writer.WriteAsync(tx => tx.Execute("CREATE TABLE kv (k TEXT, v TEXT, n INTEGER)"));
        for (var i = 0; i < 3; i++)
        {
            var n = i;
            await _writer.WriteAsync(tx => tx.Execute("INSERT INTO kv (k, v, n) VALUES ($0, $1, $2)", $"k{n}", n == 1 ? null : $"v{n}", n));
        }

        var rows = await _writer.WriteAsync(tx => tx.Query("SELECT k, v, n FROM kv ORDER BY n",
            r => $"{r.GetString(0)}={(r.IsDBNull(1) ? "null" : r.GetString(1))}:{r.GetInt64(2)}"));
        Assert.Equal(["k0=v0:0", "k1=null:1", "k2=v2:2"], rows);
        Assert.Equal(2L, await _writer.WriteAsync(tx => tx.Scalar<long>("SELECT n FROM kv WHERE k = $0", "k2")));
        Assert.Null(await _writer.WriteAsync(tx => tx.Scalar<string>("SELECT v FROM kv WHERE k = $0", "k1")));
        Assert.Null(await _writer.WriteAsync(tx => tx.Scalar<long?>("SELECT n FROM kv WHERE k = $0", "none")));
        Assert.Equal(7L, await _writer.WriteAsync(tx => tx.Scalar<long?>("SELECT 7")));
    }

    private static int Insert(LogTransaction tx, string id) => tx.Execute(
        "INSERT INTO instances (id, seq, workflow, version, status, params, created_at, updated_at) VALUES ($0, (SELECT COALESCE(MAX(seq), 0) + 1 FROM instances), 'w', 1, 'queued', 'null', 0, 0)",
        id);

    private List<string> Committed()
    {
        using var connection = SqliteDatabase.OpenPrivate(_path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT id FROM instances ORDER BY id";
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }
}
