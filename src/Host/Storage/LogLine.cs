using Microsoft.Extensions.Logging;

namespace Skein.Host.Storage;

/// <summary>
/// A line workflow code logged: in a step attempt (<see cref="StepName"/>, <see cref="StepCount"/> and
/// <see cref="Attempt"/> set) or outside steps (all three null). <see cref="At"/> is when it was written, in Unix ms.
/// </summary>
internal sealed record LogLine(long At, LogLevel Level, string Message, string? StepName = null, int? StepCount = null, int? Attempt = null);
