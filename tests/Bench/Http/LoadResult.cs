namespace Skein.Bench.Http;

/// <summary>
/// What a closed loop did in its measured window: requests that ended inside it, their latencies (sorted, ms), the
/// process CPU it used, and a few failures as examples.
/// </summary>
internal sealed record LoadResult(
    int Succeeded,
    int Failed,
    double Seconds,
    double[] LatenciesMs,
    WindowCounters Used,
    IReadOnlyList<string> FailureSamples)
{
    public double PerSecond => Succeeded / Seconds;

    public double CpuCores => Used.Process.CpuSeconds / Seconds;

    /// <summary>Process CPU (server, client and everything else in the process) per successful request.</summary>
    public double CpuMicrosecondsPerRequest => Succeeded == 0 ? double.NaN : Used.Process.CpuSeconds * 1e6 / Succeeded;

    /// <summary>Bytes allocated in the process (server, client, background instances) per successful request.</summary>
    public double AllocatedKiBPerRequest => Succeeded == 0 ? double.NaN : Used.AllocatedBytes / 1024.0 / Succeeded;

    public double LatencyPercentile(double fraction) => Percentiles.Of(LatenciesMs, fraction);

    public string Summary() =>
        $"{Succeeded} ok, {Failed} failed in {Seconds:F1} s = {PerSecond:F0}/s; p50 {LatencyPercentile(0.5):F2} ms, " +
        $"p99 {LatencyPercentile(0.99):F2} ms; CPU {CpuCores:F2} cores ({Used.Process.UserSeconds:F1} s user, {Used.Process.KernelSeconds:F1} s kernel), " +
        $"{CpuMicrosecondsPerRequest:F0} us/request, {AllocatedKiBPerRequest:F1} KiB allocated/request, {Used.Process.Gen0Collections} gen0 and {Used.Gen2Collections} gen2 GCs; log: {Used.Commits / Seconds:F0} commits/s, " +
        $"{Used.WritesPerCommit:F1} writes/commit, {Used.CommitMs:F2} ms/commit, writer thread {Used.WriterCpuSeconds / Seconds:F2} cores; " +
        $"JIT {Used.JitMethods} methods, {Used.JitTime.TotalMilliseconds:F0} ms; machine CPU pressure {Used.CpuPressure(Seconds):P0}" +
        (FailureSamples.Count > 0 ? $"; e.g. {FailureSamples[0]}" : "");
}
