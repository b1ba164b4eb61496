namespace Skein.Host.Engine;

/// <summary>Waiting until an instant on a <see cref="TimeProvider"/>, however far away it is.</summary>
internal static class Clock
{
    /// <summary>
    /// The longest a timer is armed for at once. One <see cref="ITimer"/> accepts at most 4,294,967,294 ms (about
    /// 49.7 days) and throws past it; longer waits are armed in chunks, each re-armed against the wall clock, which
    /// also bounds how late a wait can be when the wall clock is adjusted while a timer runs on the monotonic one.
    /// </summary>
    public static readonly TimeSpan MaxTimerDelay = TimeSpan.FromDays(1);

    public static long Now(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>What to arm a timer with for an instant <paramref name="remainingMs"/> away: never negative, never a full long wait.</summary>
    public static TimeSpan TimerDelay(long remainingMs) =>
        TimeSpan.FromMilliseconds(Math.Clamp(remainingMs, 0, (long)MaxTimerDelay.TotalMilliseconds));

    /// <summary>
    /// Completes once the clock reads <paramref name="atMs"/> or later. A timer is relative to when it is armed; if
    /// the clock moved between reading it and arming the timer, the check after arming catches it, so the wait is
    /// never late by the time the clock jumped.
    /// </summary>
    public static async Task WaitUntilAsync(this TimeProvider time, long atMs, CancellationToken ct)
    {
        while (time.Now() < atMs)
        {
            await WaitChunkAsync(time, atMs, ct);
        }
    }

    /// <summary>The clock reading <paramref name="timeout"/> from now, rounded up to a whole millisecond.</summary>
    public static long DeadlineAfter(this TimeProvider time, TimeSpan timeout) =>
        time.Now() + (long)Math.Ceiling(timeout.TotalMilliseconds);

    private static async Task WaitChunkAsync(TimeProvider time, long atMs, CancellationToken ct)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var timer = time.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), reached,
            TimerDelay(atMs - time.Now()), Timeout.InfiniteTimeSpan);
        if (time.Now() >= atMs)
        {
            reached.TrySetResult();
        }

        using var cancel = ct.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), reached);
        await reached.Task;
    }
}
