using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// Telemetry's cost measured inside one run: one engine under a steady closed-loop load the whole time, with the
/// telemetry providers attached and detached in alternating windows. Whatever else the machine does (other
/// processes, the log growing, JIT finishing) falls on both kinds of window alike, which separate runs cannot promise:
/// on a loaded 2-core machine two runs of the same code differ by more than the 10 % being looked for.
/// </summary>
internal static class TelemetryInterleaved
{
    private const string Workflow = "bench";

    /// <summary>After a switch, long enough for the instances started before it (~0.4 s at 200 in flight) to finish.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(1);

    /// <summary>What is counted of a window; two of the meter reader's one-second collections fall in each traced one.</summary>
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(2);

    public sealed record Result(double OffMicrosecondsPerStep, double OnMicrosecondsPerStep, long OffSteps, long OnSteps, int Windows)
    {
        public double OverheadPercent => (OnMicrosecondsPerStep / OffMicrosecondsPerStep - 1) * 100;
    }

    /// <summary>Runs <paramref name="windows"/> windows of each kind, off first, after a warm-up in both.</summary>
    public static async Task<Result> RunAsync(EngineScenario scenario, string dataRoot, int windows)
    {
        var tenants = Enumerable.Range(1, scenario.Tenants).Select(i => $"bench-{i:00}").ToArray();
        using var bench = BenchEngine.Start(dataRoot, [typeof(BenchWorkflow)],
            dir => new EngineOptions { DataDir = dir, MaxConcurrentInstancesPerTenant = scenario.InFlight }, tenants);
        var engine = bench.Node;
        using var stop = new CancellationTokenSource();
        Task[] drivers = [];
        try
        {
            var steps = new long[1];
            drivers = Enumerable.Range(0, scenario.InFlight)
                .Select(d => Task.Run(() => DriveAsync(engine, tenants, scenario, d, steps, stop.Token))).ToArray();
            using (TelemetryOverhead.Attach())
            {
                await Task.Delay(Settle + Window);
            }

            await Task.Delay(Settle + Window);
            var off = new Tally();
            var on = new Tally();
            for (var w = 0; w < 2 * windows; w++)
            {
                var traced = w % 2 == 1;
                using var providers = traced ? TelemetryOverhead.Attach() : null;
                await Task.Delay(Settle);
                var before = (Counters: ProcessCounters.Read(), Steps: Volatile.Read(ref steps[0]));
                await Task.Delay(Window);
                // The spans and metrics of the window are exported within it, so their cost counts where it was caused.
                providers?.Flush();
                var cpu = (ProcessCounters.Read() - before.Counters).CpuSeconds;
                (traced ? on : off).Add(cpu, Volatile.Read(ref steps[0]) - before.Steps);
            }

            Progress($"{scenario.Name} interleaved, {windows} windows of each: off {Format(off.MicrosecondsPerStep, 1)} us/step over " +
                     $"{off.Steps:N0} steps, on {Format(on.MicrosecondsPerStep, 1)} us/step over {on.Steps:N0} steps");
            return new Result(off.MicrosecondsPerStep, on.MicrosecondsPerStep, off.Steps, on.Steps, windows);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(drivers);
        }
    }

    /// <summary>A closed loop: create an instance, wait for it to finish, count its steps, again, until stopped.</summary>
    private static async Task DriveAsync(StandaloneEngine engine, string[] tenants, EngineScenario scenario, int driver,
        long[] steps, CancellationToken stop)
    {
        var paramsJson = $$"""{"steps":{{scenario.Steps}}}""";
        try
        {
            for (var i = driver; !stop.IsCancellationRequested; i += scenario.InFlight)
            {
                var tenant = tenants[i % tenants.Length];
                var created = await engine.Engine.CreateAsync(tenant, Workflow, null, paramsJson);
                var status = await engine.Engine.WaitForStatusAsync(tenant, created.Id, InstanceStatus.IsFinished, stop);
                if (status != InstanceStatus.Complete)
                {
                    throw new InvalidOperationException($"Instance {created.Id} of {tenant} ended {status}.");
                }

                Interlocked.Add(ref steps[0], scenario.Steps);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The measurement is over.
        }
    }

    private sealed class Tally
    {
        private double _cpuSeconds;

        public long Steps { get; private set; }

        public double MicrosecondsPerStep => Steps > 0 ? _cpuSeconds * 1e6 / Steps : double.NaN;

        public void Add(double cpuSeconds, long steps)
        {
            _cpuSeconds += cpuSeconds;
            Steps += steps;
        }
    }
}
