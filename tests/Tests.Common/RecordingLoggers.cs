using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skein.Tests.Common;

/// <summary>A logger factory that keeps every entry at warning level or above, so a test can assert what was logged.</summary>
public sealed class RecordingLoggers : ILoggerFactory
{
    private readonly ConcurrentQueue<RecordedLog> _entries = new();

    public IReadOnlyList<RecordedLog> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(_entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(ConcurrentQueue<RecordedLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                entries.Enqueue(new RecordedLog(logLevel, eventId.Id, formatter(state, exception), exception));
            }
        }
    }
}
