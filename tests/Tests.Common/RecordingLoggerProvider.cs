using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skein.Tests.Common;

/// <summary>
/// A logger provider that keeps every entry the host's log filters let through, with its category, event id and
/// structured fields, so a test can assert what an operator's log would hold. Add it to a built host's
/// <see cref="ILoggerFactory"/> (<see cref="On"/>); the configured levels still apply.
/// </summary>
public sealed class RecordingLoggerProvider : ILoggerProvider
{
    private readonly ConcurrentQueue<StructuredLog> _entries = new();

    public IReadOnlyList<StructuredLog> Entries => [.. _entries];

    public static RecordingLoggerProvider On(IServiceProvider services)
    {
        var provider = new RecordingLoggerProvider();
        ((ILoggerFactory)services.GetService(typeof(ILoggerFactory))!).AddProvider(provider);
        return provider;
    }

    public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

    public void Dispose()
    {
    }

    private sealed class Recorder(string category, ConcurrentQueue<StructuredLog> entries) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
            {
                foreach (var (key, value) in pairs)
                {
                    fields[key] = value;
                }
            }

            entries.Enqueue(new StructuredLog(category, logLevel, eventId.Id, formatter(state, exception), fields));
        }
    }
}
