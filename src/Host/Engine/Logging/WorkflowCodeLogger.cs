using Microsoft.Extensions.Logging;

namespace Skein.Host.Engine.Logging;

/// <summary>
/// <see cref="Skein.TenantSdk.WorkflowStep.Logger"/>: lines of workflow code outside steps, handed to the execution,
/// which drops them while it replays (see <c>WorkflowExecution.OnCodeLine</c>).
/// </summary>
internal sealed class WorkflowCodeLogger(Action<LogLevel, string> write) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => LogLineText.IsWritten(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            write(logLevel, LogLineText.Format(state, exception, formatter));
        }
    }
}
