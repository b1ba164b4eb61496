namespace Skein.Host.Api;

/// <summary>A page of an instance's log lines; <c>nextCursor</c> is null on the last page.</summary>
internal sealed record LogPage(IReadOnlyList<LogLineDescription> Items, string? NextCursor);
