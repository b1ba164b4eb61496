using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skein.Host.Tests.Engine.Logging;

/// <summary>A logger factory that keeps every entry with its category and structured fields, at every level.</summary>
internal sealed class StructuredLoggers : ILoggerFactory
{
    private readonly ConcurrentQueue<StructuredEntry> _entries = new();

    public IReadOnlyList<StructuredEntry> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<StructuredEntry> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.Where(p => p.Key != "{OriginalFormat}").ToDictionary(p => p.Key, p => p.Value)
                : [];
            entries.Enqueue(new StructuredEntry(category, logLevel, eventId.Id, formatter(state, exception), fields));
        }
    }
}

/// <summary>One entry <see cref="StructuredLoggers"/> kept.</summary>
internal sealed record StructuredEntry(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Fields);
