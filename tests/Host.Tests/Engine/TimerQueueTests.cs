using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine;

/// <summary>The tenant timer queue on fake time: its callback runs on the advancing thread, so anything it threw would surface here.</summary>
public sealed class TimerQueueTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _woken = new();

    [Fact]
    public void Entries_a_minute_and_365_days_away_each_wake_exactly_when_due()
    {
        using var queue = new TimerQueue(_time, _woken.Enqueue, NullLogger.Instance, "t1");
        queue.Schedule("near", _time.Now() + 60_000);
        queue.Schedule("far", _time.Now() + (long)TimeSpan.FromDays(365).TotalMilliseconds);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(["near"], _woken);

        _time.Advance(TimeSpan.FromDays(365) - TimeSpan.FromMinutes(1) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(["near"], _woken);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(["near", "far"], _woken);
    }

    [Fact]
    public void An_entry_at_the_end_of_time_is_held_without_waking()
    {
        using var queue = new TimerQueue(_time, _woken.Enqueue, NullLogger.Instance, "t1");
        queue.Schedule("never", long.MaxValue);
        queue.Schedule("soon", _time.Now() + 1);

        _time.Advance(TimeSpan.FromDays(400));

        Assert.Equal(["soon"], _woken);
    }

    [Fact]
    public void A_wake_that_throws_stays_inside_the_timer_and_the_others_still_wake()
    {
        using var queue = new TimerQueue(_time, id =>
        {
            if (id == "bad")
            {
                throw new InvalidOperationException("boom");
            }

            _woken.Enqueue(id);
        }, NullLogger.Instance, "t1");
        queue.Schedule("bad", _time.Now() + 1_000);
        queue.Schedule("good", _time.Now() + 1_000);
        queue.Schedule("later", _time.Now() + 2_000);

        _time.Advance(TimeSpan.FromSeconds(1));
        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(["good", "later"], _woken);
    }
}
