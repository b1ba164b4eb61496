using Microsoft.Extensions.Logging;

namespace Skein.Host.Engine;

/// <summary>
/// The in-memory schedule of one tenant's durable timers (sleeps, event timeouts, retries of evicted instances):
/// one <see cref="ITimer"/> armed for the earliest. The durable truth is the log; this queue is rebuilt from it at
/// start, and a wake-up that finds nothing due does no harm: that is how a timer further away than one
/// <see cref="ITimer"/> can hold is armed, in chunks of <see cref="Clock.MaxTimerDelay"/>.
/// </summary>
internal sealed partial class TimerQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<string> _wake;
    private readonly ILogger _logger;
    private readonly string _tenant;
    private readonly PriorityQueue<string, long> _due = new();
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public TimerQueue(TimeProvider time, Action<string> wake, ILogger logger, string tenant)
    {
        _time = time;
        _wake = wake;
        _logger = logger;
        _tenant = tenant;
        _timer = time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Schedule(string instanceId, long dueAtMs)
    {
        lock (_due)
        {
            if (_disposed)
            {
                return;
            }

            _due.Enqueue(instanceId, dueAtMs);
            if (dueAtMs < _armedFor)
            {
                Arm(dueAtMs);
            }
        }
    }

    public void Dispose()
    {
        lock (_due)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    /// <summary>The timer's callback. Nothing may escape it: an exception thrown on a timer thread ends the process.</summary>
    private void Fire()
    {
        List<string> due;
        try
        {
            due = TakeDue();
        }
        catch (Exception error)
        {
            LogTimerFailed(_logger, error, _tenant);
            return;
        }

        foreach (var id in due.Distinct())
        {
            try
            {
                _wake(id);
            }
            catch (Exception error)
            {
                LogWakeFailed(_logger, error, _tenant, id);
            }
        }
    }

    /// <summary>Takes every entry that is due and arms the timer for the next one.</summary>
    private List<string> TakeDue()
    {
        var due = new List<string>();
        lock (_due)
        {
            if (_disposed)
            {
                return due;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            while (_due.TryPeek(out var id, out var at) && at <= now)
            {
                _due.Dequeue();
                due.Add(id);
            }

            _armedFor = long.MaxValue;
            if (_due.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }

        return due;
    }

    /// <summary>Arms the timer for <paramref name="dueAtMs"/>, or for a chunk of the way there when it is further.</summary>
    private void Arm(long dueAtMs)
    {
        _armedFor = dueAtMs;
        var delay = Clock.TimerDelay(dueAtMs - _time.Now());
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
        if (_time.Now() >= dueAtMs && delay > TimeSpan.Zero)
        {
            // The clock moved while the timer was being armed: it would fire late, so fire now (off this lock).
            _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }

    [LoggerMessage(EventId = EventIds.TimerFailed, Level = LogLevel.Critical,
        Message = "The timer of tenant {Tenant} failed; its durable timers are armed again when the next one is scheduled or the node restarts")]
    private static partial void LogTimerFailed(ILogger logger, Exception error, string tenant);

    [LoggerMessage(EventId = EventIds.TimerWakeFailed, Level = LogLevel.Error,
        Message = "Waking instance {InstanceId} of tenant {Tenant} on its timer failed")]
    private static partial void LogWakeFailed(ILogger logger, Exception error, string tenant, string instanceId);
}
