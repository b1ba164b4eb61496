using Skein.Host.Engine;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.schedule_tick_lag_ms.p99</c>: 1,000 schedules on one tenant, each ticking every second; the time from a
/// tick to its instance's workflow code running (so it includes the tick's commit, which creates the instance, and
/// the start), over the ticks after a warm-up.
/// </summary>
internal static class ScheduleTickBenchmark
{
    private const int Schedules = 1_000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Measured = TimeSpan.FromSeconds(5);

    public static async Task RunAsync(string dataRoot)
    {
        const string tenant = "cron";
        List<double> samples;
        using (var bench = BenchEngine.Start(dataRoot, [typeof(ScheduleTickWorkflow)],
                   dir => new EngineOptions { DataDir = dir, MaxConcurrentInstancesPerTenant = 4 * Schedules }, tenant))
        {
            var node = bench.Node;
            var runtime = node.Runtimes.Runtime(tenant);
            for (var i = 0; i < Schedules; i++)
            {
                await node.Engine.CreateScheduleAsync(runtime, new NewSchedule($"s{i:D4}", "tick", "* * * * * *", null, null, null));
            }

            await Task.Delay(WarmUp);
            ScheduleTickWorkflow.Lags.Clear();
            await Task.Delay(Measured);
            samples = [.. ScheduleTickWorkflow.Lags];
        }

        samples.Sort();
        Figure("engine.schedule_tick_lag_ms.p50", Percentiles.Of(samples, 0.5), "ms", 1);
        Figure("engine.schedule_tick_lag_ms.p99", Percentiles.Of(samples, 0.99), "ms", 1);
        Note($"{Schedules} schedules on one tenant, each \"* * * * * *\" (every second), engine in process on the system clock; " +
             $"{samples.Count} ticks over {Measured.TotalSeconds:F0} s after a {WarmUp.TotalSeconds:F0} s warm-up, each measured from the tick's time " +
             "to its instance's workflow code running (the tick's commit creating the instance, then its start).");
    }
}
