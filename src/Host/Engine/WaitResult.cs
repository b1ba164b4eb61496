using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>How a durable wait (sleep, event wait or child workflow) ended.</summary>
internal sealed record WaitResult(StepStatus Status, string? Output, string? ErrorMessage, long EndedAt, string? ErrorName = null);
