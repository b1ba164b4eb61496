namespace Skein.Host.Storage;

/// <summary>An ended run of an instance that continued as new: its number (1-based) and when it started and ended.</summary>
internal sealed record RunSummary(int Run, long? StartedAt, long EndedAt);
