namespace Skein.Host.Engine;

/// <summary>Waiting until an instant on a <see cref="TimeProvider"/>.</summary>
internal static class Clock
{
    public static long Now(this TimeProvider time) => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Completes once the clock reads <paramref name="atMs"/> or later. A timer is relative to when it is armed; if
    /// the clock moved between reading it and arming the timer, the check after arming catches it, so the wait is
    /// never late by the time the clock jumped.
    /// </summary>
    public static async Task WaitUntilAsync(this TimeProvider time, long atMs, CancellationToken ct)
    {
        var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var delay = TimeSpan.FromMilliseconds(Math.Max(0, atMs - time.Now()));
        using var timer = time.CreateTimer(static s => ((TaskCompletionSource)s!).TrySetResult(), reached, delay, Timeout.InfiniteTimeSpan);
        if (time.Now() >= atMs)
        {
            reached.TrySetResult();
        }

        using var cancel = ct.Register(static s => ((TaskCompletionSource)s!).TrySetCanceled(), reached);
        await reached.Task;
    }
}
