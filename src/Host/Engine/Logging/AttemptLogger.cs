using System.Text;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine.Logging;

/// <summary>
/// <see cref="Skein.TenantSdk.StepContext.Logger"/> for one attempt: keeps the attempt's lines in memory until its
/// outcome is committed with them (<see cref="Close"/>), bounded by <see cref="MaxLines"/> and <see cref="MaxBytes"/>;
/// past either, the rest of the attempt's lines are counted and one marker line says how many were dropped. Lines
/// written after the attempt ended (by a task it left running) go nowhere. Thread-safe: a step body may log from
/// several tasks at once.
/// </summary>
internal sealed class AttemptLogger(TenantLogMirror mirror, TimeProvider time, string instanceId, string step, int count, int attempt) : ILogger
{
    public const int MaxLines = 100;

    public const int MaxBytes = 64 * 1024;

    private readonly object _lock = new();
    private readonly List<LogLine> _lines = [];
    private int _bytes;
    private int _dropped;
    private bool _closed;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => LogLineText.IsWritten(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var message = LogLineText.Format(state, exception, formatter);
        var bytes = Encoding.UTF8.GetByteCount(message);
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            if (_lines.Count >= MaxLines || _bytes + bytes > MaxBytes || _dropped > 0)
            {
                _dropped++;
                return;
            }

            _lines.Add(new LogLine(time.GetUtcNow().ToUnixTimeMilliseconds(), logLevel, message, step, count, attempt));
            _bytes += bytes;
        }

        mirror.Write(instanceId, step, count, attempt, logLevel, message);
    }

    /// <summary>Ends the attempt's logging: its lines, with the marker if some were dropped; later lines are ignored.</summary>
    public IReadOnlyList<LogLine> Close()
    {
        lock (_lock)
        {
            _closed = true;
            if (_dropped > 0)
            {
                _lines.Add(new LogLine(time.GetUtcNow().ToUnixTimeMilliseconds(), LogLevel.Warning,
                    $"Log truncated: an attempt keeps at most {MaxLines} lines and {MaxBytes / 1024} KiB; {_dropped} later "
                    + $"line{(_dropped == 1 ? " was" : "s were")} dropped.", step, count, attempt));
            }

            return [.. _lines];
        }
    }
}
