using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>Keeps every log entry of a host (at the host's configured levels) for a test to inspect.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    public ConcurrentQueue<(LogLevel Level, EventId Id, string Message)> Entries { get; } = new();

    public static LogCapture On(IServiceProvider services)
    {
        var capture = new LogCapture();
        ((ILoggerFactory)services.GetService(typeof(ILoggerFactory))!).AddProvider(capture);
        return capture;
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCapture capture) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            capture.Entries.Enqueue((logLevel, eventId, formatter(state, exception)));
    }
}
