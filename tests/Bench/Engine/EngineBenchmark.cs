using System.Runtime;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// The <c>engine</c> benchmark: durable steps per second for one and for 16 tenants (and for 16 with many more
/// instances in flight), the latency from a step body's return to its commit, how well commits are shared, each as
/// the median of several runs; then how close that is to the same code without fsync, and what waking an instance
/// with a long history costs.
/// </summary>
internal static class EngineBenchmark
{
    public static async Task RunAsync(EngineBenchOptions options)
    {
        var one = new EngineScenario("1_tenant", 1, options.Instances, options.Steps, options.InFlight);
        var sixteen = one with { Name = "16_tenants", Tenants = 16 };
        var oneSteady = one with { Name = "1_tenant.steady", Instances = options.SteadyInstances };
        var sixteenSteady = sixteen with { Name = "16_tenants.steady", Instances = options.SteadyInstances };
        var sixteenHigh = sixteenSteady with { Name = $"16_tenants.{options.HighInFlight}_in_flight", InFlight = options.HighInFlight };

        Progress($"warm-up (JIT, not reported): {one.Name} and {sixteen.Name} once each");
        await EngineRun.RunAsync(one, options.DataRoot);
        await EngineRun.RunAsync(sixteen, options.DataRoot);
        var (shortOne, shortSixteen) = await RepeatAsync(one, sixteen, options.Repeat, options.DataRoot);
        var (steadyOne, steadySixteen) = await RepeatAsync(oneSteady, sixteenSteady, options.SteadyRepeat, options.DataRoot);
        var telemetryRepeat = Math.Max(options.Repeat, 1);
        var high = new List<EngineRunResult>();
        for (var i = 1; i <= options.SteadyRepeat; i++)
        {
            high.Add(await EngineRun.RunAsync(sixteenHigh, options.DataRoot));
            Progress($"{sixteenHigh.Name} run {i}/{options.SteadyRepeat}: {high[^1].Summary()}");
        }

        Note($"Skein engine, {Environment.ProcessorCount} cores, .NET {Environment.Version}, " +
             $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, SQLite WAL with synchronous=FULL, data under {options.DataRoot}");
        Note($"Load: a closed loop of {options.InFlight} drivers, each creating an instance ({options.Steps} steps with trivial bodies), " +
             $"waiting until it is complete and creating the next, so at most {options.InFlight} instances are in flight, round-robin over " +
             "the tenants; the per-tenant engine limit is set to the same number and never binds. Medians of runs on fresh data folders after a warm-up.");
        Report(shortOne, "engine.steps_per_s.1_tenant", ".1_tenant", steady: false);
        Report(shortSixteen, "engine.steps_per_s.16_tenants", "", steady: false);
        Report(steadyOne, "engine.steps_per_s.1_tenant.steady", ".1_tenant.steady", steady: true);
        Report(steadySixteen, "engine.steps_per_s.16_tenants.steady", ".steady", steady: true);
        Report(high, $"engine.steps_per_s.{sixteenHigh.Name}", $".{sixteenHigh.Name}", steady: true);
        if (shortOne.Count + steadyOne.Count == 0)
        {
            Note("No runs: --repeat and --steady-repeat are both 0.");
        }

        await TelemetryOverhead.RunAsync(sixteen, telemetryRepeat, options.DataRoot);

        if (options.FsyncRepeat > 0)
        {
            await FsyncRatio.RunAsync(sixteenSteady with { Name = "16_tenants" }, options.FsyncRepeat, options.DataRoot);
        }

        if (options.Wakes > 0)
        {
            await WakeBenchmark.RunAsync(options.WakeSteps, options.Wakes, options.DataRoot);
        }

        await ScheduleTickBenchmark.RunAsync(options.DataRoot);
        await ContinueAsNewBenchmark.RunAsync(options.DataRoot);
        await ChildWorkflowBenchmark.RunAsync(100, options.DataRoot);
        await PurgeBenchmark.RunAsync(options.DataRoot);
    }

    /// <summary>Alternates the two scenarios, so that noise from the machine falls on both alike.</summary>
    private static async Task<(List<EngineRunResult> A, List<EngineRunResult> B)> RepeatAsync(EngineScenario a, EngineScenario b,
        int repeat, string dataRoot)
    {
        var (resultsA, resultsB) = (new List<EngineRunResult>(), new List<EngineRunResult>());
        for (var i = 1; i <= repeat; i++)
        {
            foreach (var (scenario, results) in new[] { (a, resultsA), (b, resultsB) })
            {
                var run = await EngineRun.RunAsync(scenario, dataRoot);
                results.Add(run);
                Progress($"{scenario.Name} run {i}/{repeat}: {run.Summary()}");
            }
        }

        return (resultsA, resultsB);
    }

    private static void Report(List<EngineRunResult> runs, string throughputName, string suffix, bool steady)
    {
        if (runs.Count == 0)
        {
            return;
        }

        var scenario = runs[0].Scenario;
        var load = $"{scenario.Tenants} tenant(s), {scenario.Instances} instances x {scenario.Steps} steps, {scenario.InFlight} in flight";
        Func<EngineRunResult, double> rate = steady ? r => r.SteadyStepsPerSecond : r => r.StepsPerSecond;
        Figure(throughputName, Median(runs, rate), "steps/s");
        Note(steady
            ? $"{load}; steps of the instances completed between the 10th and 90th percentile of completions / that time (no ramp-up or drain); runs {Runs(runs, rate)}"
            : $"{load}; instances x steps / wall time from the first create to the last completion; runs {Runs(runs, rate)}");

        Figure("engine.step_commit_ms.p50" + suffix, Median(runs, r => r.LatencyPercentile(0.5)), "ms", 2);
        Figure("engine.step_commit_ms.p99" + suffix, Median(runs, r => r.LatencyPercentile(0.99)), "ms", 2);
        Note("Measured inside the workflow: Stopwatch at the end of the step body, again right after `await step.Do(...)` returns; " +
             $"the difference is body-return -> committed (fsync) and workflow resumed, over every step of a run; p99 of runs {Runs(runs, r => r.LatencyPercentile(0.99), 2)}");

        Figure("engine.sqlite_commits_per_s" + suffix, Median(runs, r => r.CommitsPerSecond), "commits/s");
        Figure("engine.writes_per_commit" + suffix, Median(runs, r => r.WritesPerCommit), "writes/commit", 1);
        Figure("engine.steps_per_commit" + suffix, Median(runs, r => r.StepsPerCommit), "steps/commit", 1);
        Figure("engine.commit_ms.mean" + suffix, Median(runs, r => r.MeanCommitMs), "ms", 3);
        Figure("engine.cpu_cores" + suffix, Median(runs, r => r.CpuCores), "cores", 2);
        Figure("engine.cpu_us_per_step" + suffix, Median(runs, r => r.CpuMicrosecondsPerStep), "us/step", 1);
        Figure("engine.disk_kib_per_step" + suffix, Median(runs, r => r.DiskBytesPerStep / 1024), "KiB/step", 1);
        Note($"LogWriteStats summed over the tenants, over the whole run. Each instance makes {scenario.Steps + 3} log writes " +
             $"(create, mark running, {scenario.Steps} steps, finish): steps_per_commit counts step writes only, writes_per_commit all of them. " +
             "commit_ms.mean is the time inside COMMIT (WAL append + fsync); cpu_cores is process CPU time / wall time, cpu_us_per_step the same per step (driver included); disk_kib_per_step is what the process wrote to disk (/proc/self/io) per step.");
    }

    private static double Median(List<EngineRunResult> runs, Func<EngineRunResult, double> value) => Percentiles.Median(runs.Select(value));

    private static string Runs(List<EngineRunResult> runs, Func<EngineRunResult, double> value, int decimals = 0) =>
        string.Join(", ", runs.Select(r => Format(value(r), decimals)));
}
