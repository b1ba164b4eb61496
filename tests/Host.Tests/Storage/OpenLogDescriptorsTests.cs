using Skein.Host.Storage;
using Skein.Host.Tests.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The open-log cap is derived from the process's descriptor limit with <see cref="OpenLogBudget.DescriptorsPerLog"/>
/// per log: an open log must not hold more than that, or a node with many tenants runs out of descriptors (and fails
/// for every tenant) below the cap that was meant to prevent it. Counted in /proc/self/fd, on this test's log only.
/// </summary>
public sealed class OpenLogDescriptorsTests
{
    [Fact]
    public async Task A_log_with_every_connection_it_keeps_in_use_holds_no_more_descriptors_than_its_budget()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var log = await RunAndCheckpointAsync(t);

        var reads = Enumerable.Range(0, ReadConnections.MaxIdle).Select(_ => log.Reads.Rent()).ToList();
        foreach (var read in reads)
        {
            Assert.Equal(1, read.Query("SELECT COUNT(*) FROM instances", r => r.GetInt64(0), [])[0]);
        }

        // The writer's connection in use at the same time.
        await t.WaitForStatusAsync(await t.CreateAsync("three-steps"), "complete");
        Assert.InRange(Descriptors(log, ""), 5, OpenLogBudget.DescriptorsPerLog);
        foreach (var read in reads)
        {
            log.Reads.Return(read);
        }
    }

    [Fact]
    public async Task Read_connections_beyond_those_the_log_keeps_are_closed_when_given_back()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var log = await RunAndCheckpointAsync(t);

        var burst = Enumerable.Range(0, ReadConnections.MaxIdle + 3).Select(_ => log.Reads.Rent()).ToList();
        foreach (var read in burst)
        {
            Assert.Equal(1, read.Query("SELECT COUNT(*) FROM instances", r => r.GetInt64(0), [])[0]);
        }

        Assert.True(Descriptors(log, "-wal") > OpenLogBudget.PooledConnections + ReadConnections.MaxIdle, "the burst holds a WAL descriptor per connection");
        foreach (var read in burst)
        {
            log.Reads.Return(read);
        }

        // At most the pooled connections and the kept readers still have the WAL open. (SQLite
        // keeps the database descriptor of a connection closed while others hold locks on the file, and reuses it for
        // the next open: those go when the log's files are closed.)
        Assert.InRange(Descriptors(log, "-wal"), 1, OpenLogBudget.PooledConnections + ReadConnections.MaxIdle);
    }

    [Fact]
    public void The_budget_counts_the_pooled_connections_and_every_kept_reader() =>
        Assert.Equal(2 * (OpenLogBudget.PooledConnections + ReadConnections.MaxIdle) + 1, OpenLogBudget.DescriptorsPerLog);

    /// <summary>Runs an instance to its end and a checkpoint beside the writer, so both have had their connection.</summary>
    private static async Task<TenantLog> RunAndCheckpointAsync(TestEngine t)
    {
        await t.WaitForStatusAsync(await t.CreateAsync("three-steps"), "complete");
        var log = t.Log;
        var checkpoints = log.Checkpointer.Completed;
        log.Checkpointer.Request();
        await Eventually.Until(() => log.Checkpointer.Completed, n => n > checkpoints, "a checkpoint beside the writer");
        return log;
    }

    /// <summary>Descriptors of this process open on the log's file whose name ends with <paramref name="suffix"/> after <c>log.db</c>.</summary>
    private static int Descriptors(TenantLog log, string suffix) => LogDescriptors.Count(log.Path, suffix);
}
