using System.Diagnostics;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Bench.Engine;

/// <summary>
/// Runs one scenario on a fresh engine over a fresh data folder: a closed loop of <c>InFlight</c> drivers, each
/// creating an instance, waiting until it finished, and creating the next.
/// </summary>
internal static class EngineRun
{
    private const string Workflow = "bench";
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);

    public static async Task<EngineRunResult> RunAsync(EngineScenario scenario, string dataRoot)
    {
        var tenants = Enumerable.Range(1, scenario.Tenants).Select(i => $"bench-{i:00}").ToArray();
        // The drivers keep InFlight instances outstanding; the engine's own limit is set so that it never binds.
        using var bench = BenchEngine.Start(dataRoot, [typeof(BenchWorkflow)],
            dir => new EngineOptions { DataDir = dir, MaxConcurrentInstancesPerTenant = scenario.InFlight }, tenants);
        return await MeasureAsync(bench.Node, scenario, tenants);
    }

    private static async Task<EngineRunResult> MeasureAsync(StandaloneEngine engine, EngineScenario scenario, string[] tenants)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        var paramsJson = $$"""{"steps":{{scenario.Steps}}}""";
        var completedAt = new long[scenario.Instances];
        var next = -1;

        async Task DriveAsync()
        {
            for (var i = Interlocked.Increment(ref next); i < scenario.Instances; i = Interlocked.Increment(ref next))
            {
                var tenant = tenants[i % tenants.Length];
                var created = await engine.Engine.CreateAsync(tenant, Workflow, null, paramsJson);
                var status = await engine.Engine.WaitForStatusAsync(tenant, created.Id, InstanceStatus.IsFinished, deadline.Token);
                if (status != InstanceStatus.Complete)
                {
                    throw new InvalidOperationException($"Instance {created.Id} of {tenant} ended {status}.");
                }

                completedAt[i] = Stopwatch.GetTimestamp();
            }
        }

        var before = ProcessCounters.Read();
        CommitLatencyProbe.Start(checked((int)scenario.TotalSteps));
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, scenario.InFlight).Select(_ => Task.Run(DriveAsync)));
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var latencies = CommitLatencyProbe.Stop();
        var used = ProcessCounters.Read() - before;

        var stats = tenants.Select(t => engine.Runtimes.Runtime(t).Log.Stats).ToList();
        return new EngineRunResult(scenario, elapsed, SteadyRate(completedAt, scenario.Steps),
            stats.Sum(s => s.Commits), stats.Sum(s => s.Writes), stats.Sum(s => s.CommitTicks) / (double)Stopwatch.Frequency,
            latencies, used, WalBytes(engine.Options.DataDir));
    }

    /// <summary>Size of the tenants' WAL files at the end of the run: a WAL that keeps growing slows every commit.</summary>
    private static long WalBytes(string dataDir) =>
        Directory.EnumerateFiles(dataDir, "log.db-wal", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);

    /// <summary>Steps per second between the 10th and the 90th percentile of instance completions: no ramp-up or drain.</summary>
    private static double SteadyRate(long[] completedAt, int steps)
    {
        var sorted = completedAt.Order().ToArray();
        var first = sorted.Length / 10;
        var last = sorted.Length - 1 - sorted.Length / 10;
        var seconds = (sorted[last] - sorted[first]) / (double)Stopwatch.Frequency;
        return seconds > 0 ? (last - first) * (double)steps / seconds : double.NaN;
    }
}
