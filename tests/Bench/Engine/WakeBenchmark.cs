using System.Diagnostics;
using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.wake_ms.{N}_steps</c>: an instance that ran N steps waits for an event; the time from sending the event
/// to the workflow code running past its wait, over several wakes — with the execution parked in memory (the
/// cache), and with the cache off, when every wake replays the whole history from the log (as after an eviction
/// or a restart).
/// </summary>
internal static class WakeBenchmark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int steps, int wakes, string dataRoot)
    {
        var cached = await MeasureAsync(steps, wakes, dataRoot, cache: true);
        var replayed = await MeasureAsync(steps, wakes, dataRoot, cache: false);
        foreach (var (name, samples) in new[] { ($"engine.wake_ms.{steps}_steps", cached), ($"engine.wake_ms.{steps}_steps.evicted", replayed) })
        {
            Figure(name + ".p50", Percentiles.Of(samples, 0.5), "ms", 2);
            Figure(name + ".p99", Percentiles.Of(samples, 0.99), "ms", 2);
        }

        Note($"One instance ran {steps} steps, then {wakes} times waited for an event and ran one step; from SendEventAsync to the workflow " +
             "code past its wait (engine in process, SQLite WAL + synchronous=FULL). First with its execution parked in memory between wakes " +
             $"(samples {string.Join(", ", cached.Select(s => Format(s, 2)))} ms), then with Skein:MaxCachedExecutions=0, so every wake " +
             $"replays the whole history from the log as after an eviction or a restart (samples {string.Join(", ", replayed.Select(s => Format(s, 1)))} ms).");
    }

    private static async Task<List<double>> MeasureAsync(int steps, int wakes, string dataRoot, bool cache)
    {
        const string tenant = "agent";
        var samples = new List<double>();
        using (var engine = BenchEngine.Start(dataRoot, [typeof(WakeWorkflow)], dir => new EngineOptions
               {
                   DataDir = dir,
                   MaxStepsPerInstance = steps + wakes + 10,
                   MaxCachedExecutions = cache ? new EngineOptions().MaxCachedExecutions : 0,
               }, tenant))
        {
            using var deadline = new CancellationTokenSource(Deadline);
            var created = await engine.Engine.CreateAsync(tenant, "agent", null, $$"""{"steps":{{steps}},"wakes":{{wakes}}}""");
            await engine.Engine.WaitForStatusAsync(tenant, created.Id, s => s == InstanceStatus.Waiting, deadline.Token);
            for (var wake = 1; wake <= wakes; wake++)
            {
                var (woke, stepped) = WakeProbe.Expect(wake);
                var sent = Stopwatch.GetTimestamp();
                await engine.Engine.SendEventAsync(tenant, created.Id, "go", "{}");
                await woke.WaitAsync(deadline.Token);
                samples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                await stepped.WaitAsync(deadline.Token);
                // The step after the wait set the instance running; waiting again means it suspended on the next wait.
                await engine.Engine.WaitForStatusAsync(tenant, created.Id,
                    s => s == InstanceStatus.Waiting || InstanceStatus.IsFinished(s), deadline.Token);
            }
        }

        samples.Sort();
        return samples;
    }
}
