namespace Skein.Bench.Plugins;

/// <summary>What the callers saw while new versions were uploaded.</summary>
internal sealed record HotSwapResult(
    int Requests,
    int Failed,
    IReadOnlyList<string> FailureSamples,
    IReadOnlyDictionary<int, int> CompletedByVersion,
    double[] UploadMs,
    int VersionsLoadedAfter,
    double Seconds);
