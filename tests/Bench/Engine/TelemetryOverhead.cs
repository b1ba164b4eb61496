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
        Note($"Telemetry on: every run and step attempt traced (always sampled) and the Skein meter collected every second, into exporters that drop the data; " +
             $"off: no listener. Alternating runs; cpu_us_per_step off {string.Join(", ", off.Select(r => Format(r.CpuMicrosecondsPerStep, 1)))}, " +
             $"on {string.Join(", ", on.Select(r => Format(r.CpuMicrosecondsPerStep, 1)))}");
    }

    private static IDisposable Attach()
    {
        var tracing = Sdk.CreateTracerProviderBuilder().AddSource(SkeinTelemetry.Name).SetSampler(new AlwaysOnSampler())
            .AddProcessor(new BatchActivityExportProcessor(new DroppedSpans())).Build();
        var metrics = Sdk.CreateMeterProviderBuilder().AddMeter(SkeinTelemetry.Name)
            .AddReader(new PeriodicExportingMetricReader(new DroppedMetrics(), 1000)).Build();
        return new Providers(tracing, metrics);
    }

    private sealed class DroppedSpans : BaseExporter<Activity>
    {
        public override ExportResult Export(in Batch<Activity> batch) => ExportResult.Success;
    }

    private sealed class DroppedMetrics : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch) => ExportResult.Success;
    }

    private sealed class Providers(TracerProvider tracing, MeterProvider metrics) : IDisposable
    {
        public void Dispose()
        {
            tracing.Dispose();
            metrics.Dispose();
        }
    }
}
