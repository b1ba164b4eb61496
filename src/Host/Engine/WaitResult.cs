using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>How a durable wait (sleep or event wait) ended.</summary>
internal sealed record WaitResult(StepStatus Status, string? Output, string? ErrorMessage, long EndedAt);
