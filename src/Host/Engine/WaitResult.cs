namespace Skein.Host.Engine;

/// <summary>How a durable wait (sleep or event wait) ended.</summary>
internal sealed record WaitResult(string Status, string? Output, string? ErrorMessage, long EndedAt);
