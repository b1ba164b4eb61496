namespace Skein.Host.Storage;

/// <summary>A stored <see cref="LogLine"/> with its place in the instance's history (the logs' paging cursor).</summary>
internal sealed record LogLineRow(long Seq, LogLine Line);
