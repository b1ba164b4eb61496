namespace Skein.Host.Engine;

/// <summary>
/// The in-memory schedule of one tenant's durable timers (sleeps, event timeouts, retries of evicted instances):
/// one <see cref="ITimer"/> armed for the earliest. The durable truth is the log; this queue is rebuilt from it at
/// start, and a wake-up that finds nothing due does no harm.
/// </summary>
internal sealed class TimerQueue : IDisposable
{
    private readonly TimeProvider _time;
    private readonly Action<string> _wake;
    private readonly PriorityQueue<string, long> _due = new();
    private readonly ITimer _timer;
    private long _armedFor = long.MaxValue;
    private bool _disposed;

    public TimerQueue(TimeProvider time, Action<string> wake)
    {
        _time = time;
        _wake = wake;
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

    private void Fire()
    {
        var wake = new List<string>();
        lock (_due)
        {
            if (_disposed)
            {
                return;
            }

            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            while (_due.TryPeek(out var id, out var at) && at <= now)
            {
                _due.Dequeue();
                wake.Add(id);
            }

            _armedFor = long.MaxValue;
            if (_due.TryPeek(out _, out var next))
            {
                Arm(next);
            }
        }

        foreach (var id in wake.Distinct())
        {
            _wake(id);
        }
    }

    private void Arm(long dueAtMs)
    {
        _armedFor = dueAtMs;
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, dueAtMs - _time.Now()));
        _timer.Change(delay, Timeout.InfiniteTimeSpan);
        if (_time.Now() >= dueAtMs && delay > TimeSpan.Zero)
        {
            // The clock moved while the timer was being armed: it would fire late, so fire now (off this lock).
            _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
    }
}
