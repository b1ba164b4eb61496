using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>What one run of a scenario measured.</summary>
internal sealed record EngineRunResult(
    EngineScenario Scenario,
    double ElapsedSeconds,
    double SteadyStepsPerSecond,
    long Commits,
    long Writes,
    double CommitSeconds,
    double[] CommitLatencyMs,
    ProcessCounters Used,
    long WalBytes)
{
    public double StepsPerSecond => Scenario.TotalSteps / ElapsedSeconds;

    public double CommitsPerSecond => Commits / ElapsedSeconds;

    public double WritesPerCommit => (double)Writes / Commits;

    public double StepsPerCommit => (double)Scenario.TotalSteps / Commits;

    /// <summary>Mean time inside COMMIT (the WAL append and its fsync), per transaction.</summary>
    public double MeanCommitMs => CommitSeconds * 1000 / Commits;

    public double CpuCores => Used.CpuSeconds / ElapsedSeconds;

    /// <summary>Process CPU time per step: less sensitive than throughput to other load on the machine.</summary>
    public double CpuMicrosecondsPerStep => Used.CpuSeconds * 1e6 / Scenario.TotalSteps;

    /// <summary>Bytes written to disk per step (WAL frames and checkpoints included); NaN where the OS does not tell.</summary>
    public double DiskBytesPerStep => Used.DiskWriteBytes < 0 ? double.NaN : Used.DiskWriteBytes / (double)Scenario.TotalSteps;

    /// <summary>Nearest-rank percentile of the commit latencies, <paramref name="p"/> in 0–1.</summary>
    public double LatencyPercentile(double p) => CommitLatencyMs.Length == 0
        ? double.NaN
        : CommitLatencyMs[Math.Clamp((int)Math.Ceiling(p * CommitLatencyMs.Length) - 1, 0, CommitLatencyMs.Length - 1)];

    /// <summary>One line with everything measured, for the progress log.</summary>
    public string Summary()
    {
        var steps = (double)Scenario.TotalSteps;
        return $"{Format(StepsPerSecond)} steps/s overall, {Format(SteadyStepsPerSecond)} steady; " +
               $"commit p50 {Format(LatencyPercentile(0.5), 2)} ms, p99 {Format(LatencyPercentile(0.99), 2)} ms; " +
               $"{Format(StepsPerCommit, 1)} steps/commit, {Format(MeanCommitMs, 2)} ms in COMMIT; " +
               $"{Format(CpuCores, 2)} cores, {Format(CpuMicrosecondsPerStep)} us CPU/step ({Format(Used.KernelSeconds * 1e6 / steps)} kernel), " +
               $"{Format(Used.ContextSwitches / steps, 1)} context switches/step, {Used.Gen0Collections} gen0 GCs; " +
               $"{Format(DiskBytesPerStep / 1024, 1)} KiB written/step, WAL {Format(WalBytes / 1048576.0, 1)} MiB at the end; " +
               $"{Format(ElapsedSeconds, 2)} s";
    }
}
