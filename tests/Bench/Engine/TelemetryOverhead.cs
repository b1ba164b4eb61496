using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Skein.Host.Telemetry;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// What telemetry costs the step path: the same scenario with no listener on the <c>Skein</c> source and meter, and
/// with every span recorded and every instrument collected (a tracer provider sampling everything and a meter
/// provider, each with an exporter attached that drops what it is given, so the SDK does all its work but no
/// serialization or network). Runs alternate off / on, so noise from the machine falls on both alike.
/// </summary>
internal static class TelemetryOverhead
{
    /// <summary>Only this comparison, on the engine benchmark's 16-tenant scenario, after one warm-up run.</summary>
    public static async Task RunAloneAsync(EngineBenchOptions options)
    {
        var sixteen = new EngineScenario("16_tenants", 16, options.Instances, options.Steps, options.InFlight);
        Progress($"warm-up (JIT, not reported): {sixteen.Name} once");
        await EngineRun.RunAsync(sixteen, options.DataRoot);
        await RunAsync(sixteen, Math.Max(options.Repeat, 1), options.DataRoot);
    }

    public static async Task RunAsync(EngineScenario scenario, int repeat, string dataRoot)
    {
        Progress($"warm-up (JIT, not reported): {scenario.Name} once with telemetry on");
        using (Attach())
        {
            // Without it the first "on" run alone pays for compiling the SDK's and the engine's tracing paths.
            await EngineRun.RunAsync(scenario, dataRoot);
        }

        var off = new List<EngineRunResult>();
        var on = new List<EngineRunResult>();
        for (var i = 1; i <= repeat; i++)
        {
            off.Add(await EngineRun.RunAsync(scenario, dataRoot));
            Progress($"{scenario.Name} telemetry off run {i}/{repeat}: {off[^1].Summary()}");
            using (Attach())
            {
                on.Add(await EngineRun.RunAsync(scenario, dataRoot));
            }

            Progress($"{scenario.Name} telemetry on run {i}/{repeat}: {on[^1].Summary()}");
        }

        Figure($"engine.cpu_us_per_step.{scenario.Name}.telemetry_off", Percentiles.Median(off.Select(r => r.CpuMicrosecondsPerStep)), "us/step", 1);
        Figure($"engine.cpu_us_per_step.{scenario.Name}.telemetry_on", Percentiles.Median(on.Select(r => r.CpuMicrosecondsPerStep)), "us/step", 1);
        Figure($"engine.steps_per_s.{scenario.Name}.telemetry_off", Percentiles.Median(off.Select(r => r.StepsPerSecond)), "steps/s");
        Figure($"engine.steps_per_s.{scenario.Name}.telemetry_on", Percentiles.Median(on.Select(r => r.StepsPerSecond)), "steps/s");
        var pairs = off.Zip(on, (o, n) => (n.CpuMicrosecondsPerStep / o.CpuMicrosecondsPerStep - 1) * 100).ToList();
        Figure($"engine.telemetry_overhead_pct.{scenario.Name}", Percentiles.Median(pairs), "%", 1);
        Note($"Telemetry on: every run and step attempt traced (always sampled) and the Skein meter collected every second, into exporters that drop the data; " +
             $"off: no listener. Alternating runs; cpu_us_per_step off {string.Join(", ", off.Select(r => Format(r.CpuMicrosecondsPerStep, 1)))}, " +
             $"on {string.Join(", ", on.Select(r => Format(r.CpuMicrosecondsPerStep, 1)))}; overhead_pct is the median of each pair's on/off - 1 " +
             $"({string.Join(", ", pairs.Select(p => Format(p, 1)))} %)");

        ReportInterleaved(scenario, await TelemetryInterleaved.RunAsync(scenario, dataRoot, InterleavedWindows));

        var added = MeasurePath(repeat);
        Figure("engine.telemetry.cpu_us_per_step.added", added, "us/step", 2);
        Figure($"engine.telemetry.path_pct.{scenario.Name}", added / Percentiles.Median(off.Select(r => r.CpuMicrosecondsPerStep)) * 100, "%", 1);
        Note($"telemetry.cpu_us_per_step.added: the engine's telemetry calls for one step (TelemetryPath: a run span per {TelemetryPath.StepsPerRun} steps, " +
             $"a step span and an attempt recorded per step, a commit recorded per {TelemetryPath.StepsPerCommit} steps) made alone in a loop of " +
             $"{PathSteps:N0} steps, process CPU with the providers above attached minus without (so the exporter threads count), median of " +
             $"{repeat} alternating pairs; path_pct relates it to the scenario's CPU per step with telemetry off.");
    }

    /// <summary>Only the interleaved comparison (<c>telemetry-interleaved</c>), <c>--repeat</c> windows of each kind.</summary>
    public static async Task RunInterleavedAloneAsync(EngineBenchOptions options)
    {
        var sixteen = new EngineScenario("16_tenants", 16, options.Instances, options.Steps, options.InFlight);
        var windows = options.Repeat == new EngineBenchOptions().Repeat ? InterleavedWindows : Math.Max(options.Repeat, 1);
        ReportInterleaved(sixteen, await TelemetryInterleaved.RunAsync(sixteen, options.DataRoot, windows));
    }

    private static void ReportInterleaved(EngineScenario scenario, TelemetryInterleaved.Result mixed)
    {
        Figure($"engine.cpu_us_per_step.{scenario.Name}.telemetry_off.interleaved", mixed.OffMicrosecondsPerStep, "us/step", 1);
        Figure($"engine.cpu_us_per_step.{scenario.Name}.telemetry_on.interleaved", mixed.OnMicrosecondsPerStep, "us/step", 1);
        Figure($"engine.telemetry_overhead_pct.{scenario.Name}.interleaved", mixed.OverheadPercent, "%", 1);
        Note($"interleaved: one engine under the same closed-loop load throughout, telemetry attached and detached in alternating windows " +
             $"({mixed.Windows} of each: 1 s to settle after each switch, then 2 s counted; {mixed.OffSteps:N0} steps counted off, " +
             $"{mixed.OnSteps:N0} on): noise from the machine falls on both kinds of window alike.");
    }

    /// <summary>Only the telemetry calls' cost (<c>telemetry-path</c>): fast, and nearly free of the machine's noise.</summary>
    public static void RunPathAlone(EngineBenchOptions options)
    {
        var added = MeasurePath(Math.Max(options.Repeat, 1));
        Figure("engine.telemetry.cpu_us_per_step.added", added, "us/step", 2);
        Note($"The engine's telemetry calls for one step made alone in a loop of {PathSteps:N0} steps (see engine-telemetry), process CPU " +
             "with a tracer provider sampling everything and a meter provider attached minus without, median of alternating pairs.");
    }

    private const int InterleavedWindows = 10;

    private const int PathSteps = 1_000_000;

    /// <summary>CPU per step added by the telemetry calls alone: alternating on/off loops, median of the differences.</summary>
    private static double MeasurePath(int repeat)
    {
        using (var warm = Attach())
        {
            TelemetryPath.CpuMicrosecondsPerStep(PathSteps / 10);
            warm.Flush();
        }

        TelemetryPath.CpuMicrosecondsPerStep(PathSteps / 10);
        var differences = new List<double>();
        for (var i = 1; i <= repeat; i++)
        {
            var off = TelemetryPath.CpuMicrosecondsPerStep(PathSteps);
            double on;
            using (var providers = Attach())
            {
                var before = ProcessCounters.Read();
                TelemetryPath.CpuMicrosecondsPerStep(PathSteps);
                providers.Flush();
                on = (ProcessCounters.Read() - before).CpuSeconds * 1e6 / PathSteps;
            }

            differences.Add(on - off);
            Progress($"telemetry path run {i}/{repeat}: off {Format(off, 3)} us/step, on {Format(on, 3)} us/step");
        }

        return Percentiles.Median(differences);
    }

    /// <summary>A tracer provider sampling every span and a meter provider collecting every second, both into exporters that drop the data.</summary>
    internal static Providers Attach() => Environment.GetEnvironmentVariable("SKEIN_BENCH_TELEMETRY") switch
    {
        "traces" => Attach(traces: true, metrics: false),
        "metrics" => Attach(traces: false, metrics: true),
        _ => Attach(traces: true, metrics: true),
    };

    /// <summary>The providers of "on"; <c>SKEIN_BENCH_TELEMETRY=traces</c> or <c>metrics</c> keeps one half, to tell their costs apart.</summary>
    internal static Providers Attach(bool traces, bool metrics)
    {
        var tracing = Sdk.CreateTracerProviderBuilder().AddSource(traces ? SkeinTelemetry.Name : "none").SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DroppedSpans())).Build();
        var meters = Sdk.CreateMeterProviderBuilder().AddMeter(metrics ? SkeinTelemetry.Name : "none")
            .AddReader(new PeriodicExportingMetricReader(new DroppedMetrics(), 1000)).Build();
        return new Providers(tracing, meters);
    }

    private sealed class DroppedSpans : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }

    private sealed class DroppedMetrics : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }

    internal sealed class Providers(TracerProvider tracing, MeterProvider metrics) : IDisposable
    {
        /// <summary>Exports what is buffered (spans, the metric readers' state) so its CPU is paid before a reading.</summary>
        public void Flush()
        {
            tracing.ForceFlush();
            metrics.ForceFlush();
        }

        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }
}
