using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The writer's counters that metrics and the benchmark read: a batch's time runs from BEGIN to its COMMIT returned,
/// so it holds its commit's time and lies within the time the caller waited; only bounds are asserted, never durations.
/// </summary>
public sealed class LogWriterStatsTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public LogWriterStatsTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task A_batchs_time_holds_its_commit_and_lies_within_the_time_its_write_was_awaited()
    {
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        await _log.RawWriteAsync(tx => tx.Execute("CREATE TABLE t (n INTEGER)"));
        var total = elapsed.ElapsedTicks;

        var stats = _log.Stats;
        Assert.Equal(stats.CommitTicks, stats.MaxCommitTicks);
        Assert.InRange(stats.MaxCommitTicks, 1, total);
        Assert.InRange(stats.MaxBatchTicks, stats.MaxCommitTicks, total);
    }
}
