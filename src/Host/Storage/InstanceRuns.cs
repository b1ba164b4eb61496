namespace Skein.Host.Storage;

/// <summary>
/// The run an instance is in (1-based; each continue-as-new starts the next) and the summaries of its last ended runs,
/// oldest first (at most <see cref="TenantLog.KeptRunSummaries"/>).
/// </summary>
internal sealed record InstanceRuns(int Current, IReadOnlyList<RunSummary> Earlier);
