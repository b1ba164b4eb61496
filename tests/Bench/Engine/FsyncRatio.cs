using Skein.Tests.Common;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.fsync_ratio.16_tenants</c>: steady steps/s with <c>synchronous=FULL</c> divided by the same run's steps/s
/// with fsync turned into a no-op (an <c>LD_PRELOAD</c> library in a child process), runs alternated so that other
/// load falls on both alike. It says how close durable throughput is to what the machine's CPU allows.
/// </summary>
internal static class FsyncRatio
{
    public static async Task RunAsync(EngineScenario scenario, int repeat, string dataRoot)
    {
        var shim = SharedLibraryCompiler.Build(Path.Combine(AppContext.BaseDirectory, "Engine", "nofsync-shim.c"), "nofsync-shim");
        var (full, free) = (new List<ChildFigures>(), new List<ChildFigures>());
        for (var i = 1; i <= repeat; i++)
        {
            full.Add(await ChildRun.RunAsync(scenario, dataRoot, preload: null));
            free.Add(await ChildRun.RunAsync(scenario, dataRoot, preload: shim));
            Progress($"fsync ratio run {i}/{repeat}: {Format(full[^1].SteadyStepsPerSecond)} with fsync, {Format(free[^1].SteadyStepsPerSecond)} without");
        }

        File.Delete(shim);
        var withFsync = Percentiles.Median(full.Select(f => f.SteadyStepsPerSecond));
        var withoutFsync = Percentiles.Median(free.Select(f => f.SteadyStepsPerSecond));
        Figure($"engine.fsync_ratio.{scenario.Name}", withFsync / withoutFsync, "ratio", 2);
        Figure($"engine.steps_per_s.{scenario.Name}.no_fsync", withoutFsync, "steps/s");
        Figure($"engine.cpu_us_per_step.{scenario.Name}.no_fsync", Percentiles.Median(free.Select(f => f.CpuMicrosecondsPerStep)), "us/step", 1);
        Note($"{scenario.Tenants} tenants, {scenario.Instances} instances x {scenario.Steps} steps, {scenario.InFlight} in flight, each run in a child process " +
             "after a warm-up run there; steady steps/s with synchronous=FULL (median of " +
             $"{string.Join(", ", full.Select(f => Format(f.SteadyStepsPerSecond)))}) / the same without fsync (fsync and fdatasync made no-ops by " +
             $"tests/Bench/Engine/nofsync-shim.c; median of {string.Join(", ", free.Select(f => Format(f.SteadyStepsPerSecond)))}), runs alternated.");
    }
}
