using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Skein.Bench.Engine;

/// <summary>
/// One engine run in a child process of its own (<c>engine-run</c>), optionally with an <c>LD_PRELOAD</c> library:
/// the only way to run the same engine without fsync, since the host has no such setting.
/// </summary>
internal static class ChildRun
{
    private const string ResultPrefix = "result: ";

    /// <summary>Runs <paramref name="scenario"/> in a child (after one warm-up run there) and returns its figures.</summary>
    public static async Task<ChildFigures> RunAsync(EngineScenario scenario, string dataRoot, string? preload)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { UseShellExecute = false, RedirectStandardOutput = true };
        // Under `dotnet Bench.dll` the process is dotnet and needs the assembly; an apphost runs it by itself.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ChildRun).Assembly.Location);
        }

        foreach (var argument in new[]
                 {
                     "engine-run", "--tenants", Text(scenario.Tenants), "--instances", Text(scenario.Instances),
                     "--steps", Text(scenario.Steps), "--in-flight", Text(scenario.InFlight), "--data-root", dataRoot,
                     "--no-fsync", preload is null ? "false" : "true",
                 })
        {
            start.ArgumentList.Add(argument);
        }

        if (preload is not null)
        {
            start.Environment["LD_PRELOAD"] = preload;
        }

        using var child = Process.Start(start)!;
        ChildFigures? figures = null;
        while (await child.StandardOutput.ReadLineAsync() is { } line)
        {
            if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
            {
                figures = JsonSerializer.Deserialize<ChildFigures>(line[ResultPrefix.Length..]);
            }
        }

        await child.WaitForExitAsync();
        return child.ExitCode == 0 && figures is not null
            ? figures
            : throw new InvalidOperationException($"The engine-run child exited with {child.ExitCode} and no result.");
    }

    /// <summary>The child's side: checks it runs with or without fsync as asked, warms up, measures, prints one result line.</summary>
    public static async Task<int> RunInnerAsync(IReadOnlyList<string> args)
    {
        var (scenario, dataRoot, noFsync) = Parse(args);
        var loaded = Environment.GetEnvironmentVariable("SKEIN_BENCH_NO_FSYNC") == "loaded";
        if (loaded != noFsync)
        {
            Console.Error.WriteLine($"# engine-run: asked for no-fsync={noFsync}, but the no-fsync library is {(loaded ? "" : "not ")}loaded.");
            return 1;
        }

        // For profiling telemetry's cost: the same providers as engine-telemetry's "on" runs.
        using var telemetry = Environment.GetEnvironmentVariable("SKEIN_BENCH_TELEMETRY") is "on" or "traces" or "metrics"
            ? TelemetryOverhead.Attach()
            : null;
        await EngineRun.RunAsync(scenario with { Instances = Math.Max(scenario.InFlight, scenario.Instances / 10) }, dataRoot);
        var run = await EngineRun.RunAsync(scenario, dataRoot);
        FigureWriter.Progress($"{scenario.Name}{(noFsync ? " without fsync" : "")}: {run.Summary()}");
        Console.WriteLine(ResultPrefix + JsonSerializer.Serialize(new ChildFigures(run.SteadyStepsPerSecond, run.StepsPerSecond,
            run.CpuMicrosecondsPerStep, run.LatencyPercentile(0.99), run.MeanCommitMs)));
        return 0;
    }

    private static (EngineScenario Scenario, string DataRoot, bool NoFsync) Parse(IReadOnlyList<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Count; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        var tenants = BenchArguments.Int(values["--tenants"]);
        var scenario = new EngineScenario($"{tenants}_tenants", tenants, BenchArguments.Int(values["--instances"]),
            BenchArguments.Int(values["--steps"]), BenchArguments.Int(values["--in-flight"]));
        return (scenario, values["--data-root"], values["--no-fsync"] == "true");
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}

/// <summary>What a child run reports back: steps/s (steady and overall), CPU per step, commit p99 and mean COMMIT time.</summary>
internal sealed record ChildFigures(double SteadyStepsPerSecond, double StepsPerSecond, double CpuMicrosecondsPerStep,
    double CommitP99Ms, double MeanCommitMs);
