using Microsoft.Extensions.Logging;

namespace Skein.Host.Engine.Logging;

/// <summary>
/// Writes the lines a tenant's workflow code logs to the host's own log (category <see cref="Category"/>), at the
/// line's level, with the tenant, instance, step and attempt as structured fields. At most
/// <see cref="EngineOptions.MaxTenantLogLinesPerSecond"/> lines a second per tenant reach it, so no tenant can flood
/// the operator's log; the lines over it are counted and one warning says how many were left out (they are still kept
/// in the instances' logs). Thread-safe.
/// </summary>
internal sealed partial class TenantLogMirror(string tenant, ILogger logger, TimeProvider time, int maxPerSecond)
{
    public const string Category = "Skein.Tenant";

    private readonly object _lock = new();
    private long _window = long.MinValue;
    private int _written;
    private long _skipped;

    /// <summary>A line of a step attempt.</summary>
    public void Write(string instanceId, string step, int count, int attempt, LogLevel level, string message)
    {
        if (Admit(level))
        {
            LogStepLine(logger, level, tenant, instanceId, step, count, attempt, message);
        }
    }

    /// <summary>A line of workflow code outside steps.</summary>
    public void Write(string instanceId, LogLevel level, string message)
    {
        if (Admit(level))
        {
            LogCodeLine(logger, level, tenant, instanceId, message);
        }
    }

    private bool Admit(LogLevel level)
    {
        if (!logger.IsEnabled(level))
        {
            return false;
        }

        long skipped;
        lock (_lock)
        {
            var window = time.GetUtcNow().ToUnixTimeSeconds();
            if (window != _window)
            {
                _window = window;
                _written = 0;
            }

            if (_written >= maxPerSecond)
            {
                _skipped++;
                return false;
            }

            _written++;
            skipped = _skipped;
            _skipped = 0;
        }

        if (skipped > 0)
        {
            LogSkipped(logger, tenant, skipped, maxPerSecond);
        }

        return true;
    }

    [LoggerMessage(EventId = EventIds.WorkflowStepLine,
        Message = "Tenant {Tenant}, instance {InstanceId}, step {Step} ({StepCount}) attempt {Attempt}: {Message}")]
    private static partial void LogStepLine(ILogger logger, LogLevel level, string tenant, string instanceId, string step,
        int stepCount, int attempt, string message);

    [LoggerMessage(EventId = EventIds.WorkflowCodeLine, Message = "Tenant {Tenant}, instance {InstanceId}: {Message}")]
    private static partial void LogCodeLine(ILogger logger, LogLevel level, string tenant, string instanceId, string message);

    [LoggerMessage(EventId = EventIds.WorkflowLinesSkipped, Level = LogLevel.Warning,
        Message = "Tenant {Tenant}: {Skipped} lines of workflow code were left out of the host log (over {PerSecond} a second); the instances' logs keep them")]
    private static partial void LogSkipped(ILogger logger, string tenant, long skipped, int perSecond);
}
