using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.continue_as_new.log_bytes_per_1000_runs</c> and <c>engine.continue_as_new.runs_per_s</c>: one instance
/// loops 2,000 runs of one step each, continuing as new after every step; the log file (checkpointed) is measured
/// after the first 1,000 runs (the warm-up) and after the second 1,000, and the second thousand is timed.
/// </summary>
internal static class ContinueAsNewBenchmark
{
    private const int Runs = 1_000;
    private const string Tenant = "loop";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(string dataRoot)
    {
        using (var engine = BenchEngine.Start(dataRoot, [typeof(ContinueLoopWorkflow)], null, Tenant))
        {
            var path = ((TenantLog)engine.Node.Runtimes.Runtime(Tenant).Log).Path;
            using var deadline = new CancellationTokenSource(Deadline);
            var created = await engine.Engine.CreateAsync(Tenant, "continue-loop", "loop",
                $$"""{"run":1,"until":{{2 * Runs}},"pauseAt":{{Runs + 1}}}""");
            await engine.Engine.WaitForStatusAsync(Tenant, created.Id, s => s == InstanceStatus.Waiting, deadline.Token);
            var warm = CheckpointedSize(path);

            var started = Stopwatch.GetTimestamp();
            await engine.Engine.SendEventAsync(Tenant, created.Id, "go", "\"go\"");
            await engine.Engine.WaitForStatusAsync(Tenant, created.Id, InstanceStatus.IsFinished, deadline.Token);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var after = CheckpointedSize(path);

            Figure("engine.continue_as_new.log_bytes_per_1000_runs", after - warm, "bytes");
            Figure("engine.continue_as_new.runs_per_s", Runs / elapsed.TotalSeconds, "runs/s");
            Note($"One instance ran {2 * Runs} runs of one step (a 200-character result) each, continuing as new after every step " +
                 $"(engine in process, SQLite WAL + synchronous=FULL, one instance so no group commit across instances). The log file, " +
                 $"checkpointed, was {warm} bytes after the first {Runs} runs and {after} bytes after the next {Runs}, which took " +
                 $"{elapsed.TotalSeconds:F2} s.");
        }
    }

    /// <summary>The log file's size once its WAL is copied back into it.</summary>
    private static long CheckpointedSize(string path)
    {
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            command.ExecuteNonQuery();
        }

        return new FileInfo(path).Length;
    }
}
