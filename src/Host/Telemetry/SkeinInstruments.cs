using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Skein.Host.Telemetry;

/// <summary>
/// The counters and histograms the engine, the log writer and the plugins record into (the gauges read the node's
/// state when collected: <see cref="Skein.Host.Api.NodeGauges"/>). Counters carry the tenant: a few series per tenant, which is
/// what an operator needs to find the noisy one. Histograms do not: a dozen buckets per tenant would multiply the
/// series for a distribution that says more about the disk than about a tenant.
/// </summary>
internal static class SkeinInstruments
{
    public static Counter<long> StepsCompleted { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.steps.completed", "{step}", "Steps committed as complete.");

    public static Counter<long> Attempts { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.step.attempts", "{attempt}", "Step attempts committed, by outcome: success, retry (failed, retried later) or failure (failed for good).");

    public static Counter<long> Commits { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.log.commits", "{commit}", "Log transactions committed (each one fsync).");

    public static Counter<long> Writes { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.log.writes", "{write}", "Log writes committed; writes per commit shows group commit at work.");

    public static Histogram<double> CommitDuration { get; } = SkeinTelemetry.Meter.CreateHistogram<double>(
        "skein.log.commit.duration", "s", "Time a log COMMIT took (the fsync).",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    public static Histogram<int> BatchSize { get; } = SkeinTelemetry.Meter.CreateHistogram<int>(
        "skein.log.commit.batch_size", "{write}", "Writes in one group commit.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });

    public static Counter<long> InstancesPurged { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.instances.purged", "{instance}", "Finished instances deleted by the retention purge.");

    public static Counter<long> Uploads { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.deployments.uploads", "{upload}", "Deployment uploads, by verdict (accepted or refused) and, when refused, the problem code.");

    public static Counter<long> VersionsUnloaded { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.versions.unloaded", "{version}", "Deployment versions unloaded (retired, or their tenant gone).");

    public static Counter<long> Backups { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.backups", "{backup}", "Tenant backups written (by the API, the schedule or a move).");

    public static Counter<long> Restores { get; } = SkeinTelemetry.Meter.CreateCounter<long>(
        "skein.restores", "{restore}", "Tenant restores completed (by the API or a move).");

    /// <summary>One committed batch of a tenant's log writer (called on the writer thread, once per fsync).</summary>
    public static void RecordCommit(in KeyValuePair<string, object?> tenant, int writes, long commitTicks)
    {
        if (Commits.Enabled)
        {
            Commits.Add(1, tenant);
            Writes.Add(writes, tenant);
        }

        if (CommitDuration.Enabled)
        {
            CommitDuration.Record(commitTicks / (double)Stopwatch.Frequency);
        }

        if (BatchSize.Enabled)
        {
            BatchSize.Record(writes);
        }
    }

    /// <summary>One step attempt's committed outcome: <c>success</c>, <c>retry</c> or <c>failure</c>.</summary>
    public static void RecordAttempt(in KeyValuePair<string, object?> tenant, string outcome)
    {
        if (Attempts.Enabled)
        {
            Attempts.Add(1, tenant, new KeyValuePair<string, object?>(SkeinAttributes.Outcome, outcome));
        }

        if (outcome == AttemptOutcomes.Success && StepsCompleted.Enabled)
        {
            StepsCompleted.Add(1, tenant);
        }
    }
}
