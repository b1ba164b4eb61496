using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// What a retention purge reports and where its row budget stops it, checked against the rows that really left the
/// log; and the bound on the pages one reclaim gives back.
/// </summary>
public sealed class TenantLogPurgeCountTests : IDisposable
{
    private static readonly string[] InstanceTables = ["attempts", "steps", "events", "history", "runs", "instances"];

    private readonly LogInTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_purged_family_counts_the_rows_of_the_parent_and_of_its_children()
    {
        await Running("p");
        Assert.True((await _temp.Log.StartChildAsync(new StepWrite("p", 1, 0, StepKind.ChildWorkflow, "c", 1, StepStatus.Waiting, 3, ChildWorkflow: "kid"),
            new NewInstance("p-c", "kid", 1, "null", 3), 3)).Created);
        Assert.True(await _temp.Log.MarkRunningAsync("p-c", 1, 4));
        Assert.True(await _temp.Log.WriteStepAsync(new StepWrite("p-c", 1, 0, StepKind.Step, "s", 1, StepStatus.Complete, 5, Output: "1", EndedAt: 6), 6));
        Assert.True(await _temp.Log.FinishAsync("p-c", 1, InstanceStatus.Complete, "1", null, null, 7));
        Assert.True(await _temp.Log.FinishAsync("p", 1, InstanceStatus.Complete, "1", null, null, 8));
        var before = RowsInLog();

        var outcome = await _temp.Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: 1_000_000);

        Assert.Equal(["p"], outcome.Instances);
        Assert.Null(_temp.Log.FindInstance("p-c"));
        Assert.Equal(before, outcome.Rows);
        Assert.Equal(0, RowsInLog());
    }

    [Fact]
    public async Task A_row_budget_met_exactly_by_the_first_instance_stops_the_purge_there()
    {
        for (var i = 0; i < 3; i++)
        {
            await Running($"i{i}");
            Assert.True(await _temp.Log.FinishAsync($"i{i}", 1, InstanceStatus.Complete, "1", null, null, 100 - i));
        }

        var first = await _temp.Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 1, maxRows: 1_000_000);
        var byRows = await _temp.Log.PurgeFinishedAsync(endedBefore: 1_000, maxInstances: 100, maxRows: first.Rows);

        Assert.Equal(["i2"], first.Instances);
        Assert.Equal(["i1"], byRows.Instances);
        Assert.Equal(first.Rows, byRows.Rows);
        Assert.NotNull(_temp.Log.FindInstance("i0"));
    }

    [Fact]
    public async Task A_reclaim_of_no_pages_is_refused_rather_than_freeing_them_all()
    {
        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => _temp.Log.ReclaimSpaceAsync(0));

        Assert.Equal("maxPages", error.ParamName);
    }

    private async Task Running(string id)
    {
        await _temp.Log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        Assert.True(await _temp.Log.MarkRunningAsync(id, 1, 2));
    }

    /// <summary>The rows of every table that holds rows of instances, read on a connection of the test's own.</summary>
    private long RowsInLog()
    {
        using var connection = SqliteDatabase.OpenPrivate(_temp.Path);
        return InstanceTables.Sum(table => SqliteDatabase.Scalar<long>(connection, $"SELECT COUNT(*) FROM {table}"));
    }
}
