using Microsoft.Extensions.Logging;

namespace Skein.Tests.Common;

/// <summary>One entry a <see cref="RecordingLoggers"/> kept.</summary>
public sealed record RecordedLog(LogLevel Level, int EventId, string Message, Exception? Exception);
