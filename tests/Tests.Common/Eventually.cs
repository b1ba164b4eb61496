namespace Skein.Tests.Common;

/// <summary>Waits on a condition with a deadline (never a fixed sleep).</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static async Task<T> Until<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        // Monotonic: a wall-clock step (NTP, a VM resumed) must neither end a wait early nor stretch it.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var limit = deadline ?? DefaultDeadline;
        while (true)
        {
            var value = read();
            if (done(value))
            {
                return value;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(5);
        }
    }

    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? deadline = null)
    {
        // Monotonic: a wall-clock step (NTP, a VM resumed) must neither end a wait early nor stretch it.
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var limit = deadline ?? DefaultDeadline;
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out waiting for {what}; last value: {value}");
            }

            await Task.Delay(10);
        }
    }

    public static Task Until(Func<bool> condition, string what, TimeSpan? deadline = null) =>
        Until(condition, ok => ok, what, deadline);
}
