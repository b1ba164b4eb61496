using Microsoft.Extensions.Logging;

namespace Skein.Host.Tests.Plugins;

/// <summary>Keeps every log entry (level, event id, tenant field, message) for a test to read.</summary>
internal sealed class RecordingLogger<T> : ILogger<T>
{
    private readonly List<(LogLevel Level, int Id, string? Tenant, string Message)> _entries = [];

    public IReadOnlyList<(LogLevel Level, int Id, string? Tenant, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var tenant = state is IEnumerable<KeyValuePair<string, object?>> fields
            ? fields.FirstOrDefault(f => f.Key == "Tenant").Value as string
            : null;
        lock (_entries)
        {
            _entries.Add((logLevel, eventId.Id, tenant, formatter(state, exception)));
        }
    }
}
