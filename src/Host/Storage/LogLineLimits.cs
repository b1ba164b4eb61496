namespace Skein.Host.Storage;

/// <summary>
/// The bound the log itself keeps on the lines of one instance (the engine bounds each attempt and each line before
/// they reach the log): past it, one marker line says so and later lines are dropped, so a workflow that logs in an
/// endless loop cannot fill the tenant's file.
/// </summary>
internal static class LogLineLimits
{
    public const int MaxLinesPerInstance = 10_000;

    public const string InstanceTruncated =
        "Log truncated: an instance keeps at most 10,000 lines; later lines of this instance are dropped.";
}
