using System.Diagnostics;
using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.purge_per_s</c> and <c>engine.purge_writer_stall_ms.max</c>: one tenant's log holds finished instances
/// past the retention while writers keep committing steps; the retention purge deletes them (and vacuums the space it
/// freed) through the group commit. The stall is the writer's longest batch during the purge, from its stats, next to
/// the same load's longest batch without a purge.
/// </summary>
internal static class PurgeBenchmark
{
    private const int Instances = 10_000;
    private const int StepsEach = 3;
    private const int Writers = 16;
    private static readonly TimeSpan Baseline = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(string dataRoot)
    {
        const string tenant = "purged";
        using (var engine = BenchEngine.Start(dataRoot, [], null, tenant))
        {
            var runtime = engine.Node.Runtimes.Runtime(tenant);
            var log = (TenantLog)runtime.Log;
            var longAgo = runtime.Now - (long)TimeSpan.FromDays(31).TotalMilliseconds;
            await Task.WhenAll(Enumerable.Range(0, Instances).Select(i => FinishedAsync(log, $"old-{i}", longAgo + i)));
            var bytesBefore = new FileInfo(log.Path).Length + WalBytes(log.Path);

            // The fill's own batches are not the load's: the windows start here.
            log.Stats.TakeMaxBatchTicks();
            using var stop = new CancellationTokenSource();
            var committed = 0L;
            var load = Enumerable.Range(0, Writers).Select(w => Task.Run(() => LoadAsync(log, $"load-{w}", runtime.Now, () => Interlocked.Increment(ref committed), stop.Token))).ToList();
            await Task.Delay(Baseline);
            var baselineStall = Ms(log.Stats.TakeMaxBatchTicks());

            var batches = 0;
            var largest = 0;
            engine.Node.Runtimes.Retention.OnBatch = b => { batches++; largest = Math.Max(largest, b.Instances.Count); };
            var committedBefore = Interlocked.Read(ref committed);
            var started = Stopwatch.GetTimestamp();
            var purged = await engine.Node.Runtimes.Retention.PurgeAsync(runtime);
            var elapsed = Stopwatch.GetElapsedTime(started);
            var stall = Ms(log.Stats.TakeMaxBatchTicks());
            var committedDuring = Interlocked.Read(ref committed) - committedBefore;
            await stop.CancelAsync();
            await Task.WhenAll(load);
            log.Checkpointer.Request();
            log.Checkpointer.WaitIdle();
            var bytesAfter = new FileInfo(log.Path).Length;

            Figure("engine.purge_per_s", purged / elapsed.TotalSeconds, "instances/s");
            Figure("engine.purge_writer_stall_ms.max", stall, "ms", 1);
            Note($"{purged} finished instances ({StepsEach} steps each) purged in {elapsed.TotalSeconds:0.00} s, in {batches} writes of at most " +
                 $"{largest} instances, with the vacuum steps that gave the space back, while {Writers} writers kept committing steps " +
                 $"({committedDuring} step writes committed during the purge). The stall is the writer's longest batch (BEGIN to COMMIT) " +
                 $"during the purge, from LogWriteStats; the same load without a purge: {baselineStall:0.0} ms. " +
                 $"Log {bytesBefore / 1_048_576.0:0.0} MiB (file + WAL) before, {bytesAfter / 1_048_576.0:0.0} MiB after the checkpoint.");
        }
    }

    private static async Task FinishedAsync(TenantLog log, string id, long endedAt)
    {
        await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "{\"order\":42}", endedAt));
        await log.MarkRunningAsync(id, 1, endedAt);
        for (var position = 0; position < StepsEach; position++)
        {
            await log.WriteStepAsync(new StepWrite(id, 1, position, StepKind.Step, $"s{position}", 1, StepStatus.Complete, endedAt,
                Output: "{\"ok\":true}", EndedAt: endedAt), endedAt);
        }

        await log.FinishAsync(id, 1, InstanceStatus.Complete, "{\"ok\":true}", null, null, endedAt);
    }

    private static async Task LoadAsync(TenantLog log, string id, long now, Action committed, CancellationToken stop)
    {
        await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", now));
        await log.MarkRunningAsync(id, 1, now);
        for (var position = 0; !stop.IsCancellationRequested; position++)
        {
            await log.WriteStepAsync(new StepWrite(id, 1, position, StepKind.Step, $"s{position}", 1, StepStatus.Complete, now,
                Output: "1", EndedAt: now), now);
            committed();
        }
    }

    private static long WalBytes(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
