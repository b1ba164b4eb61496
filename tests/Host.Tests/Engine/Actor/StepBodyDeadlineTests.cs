using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A step body's outcome: a deadline the clock passed while its timer was being armed ends the attempt at once
/// (the timer, armed for the time left before, would fire late or, on a stopped clock, never); a body that hands back
/// no task fails the attempt with a message saying so.
/// </summary>
public sealed class StepBodyDeadlineTests
{
    [Fact]
    public void A_deadline_the_clock_passed_while_the_timer_was_armed_times_the_body_out_at_once()
    {
        var clock = new JumpingClock(new FakeTimeProvider(), readings: [1_000, 2_000]);
        using var body = StepBody<int>.Start(() => new TaskCompletionSource<int>().Task, clock, deadlineMs: 2_000, CancellationToken.None);

        Assert.True(body.Outcome.IsFaulted);
        Assert.IsType<TimeoutException>(body.Outcome.Exception!.InnerException);
    }

    [Fact]
    public async Task A_body_that_returns_no_task_fails_with_a_message_saying_so()
    {
        var time = new FakeTimeProvider();
        using var body = StepBody<int>.Start(() => null!, time, deadlineMs: time.GetUtcNow().ToUnixTimeMilliseconds() + 60_000, CancellationToken.None);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => body.Outcome.WaitAsync(Eventually.DefaultDeadline));
        Assert.Equal("The step's body returned no task.", error.Message);
    }

    /// <summary>A clock whose readings are given one by one (the last one repeats); its timers are a fake clock's, which never moves.</summary>
    private sealed class JumpingClock(FakeTimeProvider timers, long[] readings) : TimeProvider
    {
        private int _read;

        public override DateTimeOffset GetUtcNow() =>
            DateTimeOffset.FromUnixTimeMilliseconds(readings[Math.Min(Interlocked.Increment(ref _read), readings.Length) - 1]);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
            timers.CreateTimer(callback, state, dueTime, period);
    }
}
