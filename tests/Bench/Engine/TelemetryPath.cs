using System.Diagnostics;
using Skein.Host.Telemetry;

namespace Skein.Bench.Engine;

/// <summary>
/// The telemetry calls the engine makes for one step of the benchmark workload, made alone in a loop so their CPU cost
/// can be read without the noise of a whole engine run: per instance run one <c>skein.run</c> span (with a wake-up
/// event), per step one <c>skein.step</c> span with its attributes and outcome and one attempt recorded, per commit
/// (every <see cref="StepsPerCommit"/> steps, the 16-tenant scenario's batch size) one commit recorded. Process CPU
/// time is counted, so the exporters' threads (the batch span processor, the metric reader) are included.
/// </summary>
internal static class TelemetryPath
{
    public const int StepsPerRun = 10;
    public const int StepsPerCommit = 3;

    /// <summary>CPU microseconds per step spent in the telemetry calls, with whatever listeners are attached now.</summary>
    public static double CpuMicrosecondsPerStep(int steps)
    {
        var tenant = new KeyValuePair<string, object?>(SkeinAttributes.MetricTenant, "bench-tenant-07");
        var before = ProcessCounters.Read();
        for (var done = 0; done < steps;)
        {
            var trace = new RunTrace("bench-tenant-07", "instance-" + done, "bench", 1, 1, InstanceTracing.NewTraceParent());
            trace.Start();
            trace.Event("skein.wake", null);
            for (var i = 0; i < StepsPerRun && done < steps; i++, done++)
            {
                var span = trace.StartAttempt("s", i + 1, 1);
                RunTrace.StopAttempt(span, AttemptOutcomes.Success, null, null);
                SkeinInstruments.RecordAttempt(tenant, AttemptOutcomes.Success);
                if (done % StepsPerCommit == 0)
                {
                    SkeinInstruments.RecordCommit(tenant, StepsPerCommit, Stopwatch.Frequency / 500);
                }
            }

            trace.Stop("complete");
        }

        var used = ProcessCounters.Read() - before;
        return used.CpuSeconds * 1e6 / steps;
    }
}
