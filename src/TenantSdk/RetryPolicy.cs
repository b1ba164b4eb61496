namespace Skein.TenantSdk;

/// <summary>How often and how patiently a step is retried.</summary>
/// <param name="Limit">Retries after the first attempt: a limit of 3 runs the step at most 4 times (0–10,000).</param>
/// <param name="Delay">The base delay before a retry: zero to <see cref="MaxDelay"/> (365 days).</param>
/// <param name="Backoff">How the delay grows from one retry to the next.</param>
public sealed record RetryPolicy(int Limit, TimeSpan Delay, Backoff Backoff = Backoff.Exponential)
{
    /// <summary>The largest retry limit a step may ask for.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>
    /// The longest delay before a retry: 365 days, as for a sleep. A base <see cref="Delay"/> longer than this is
    /// refused; a delay that grows past it by backoff waits this long.
    /// </summary>
    public static readonly TimeSpan MaxDelay = TimeSpan.FromDays(365);

    /// <summary>The policy used when a step sets none: 5 retries, 10 seconds, exponential.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), Backoff.Exponential);

    /// <summary>No retries: the first failure is final.</summary>
    public static RetryPolicy None { get; } = new(0, TimeSpan.Zero, Backoff.Constant);

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the second attempt), at most <see cref="MaxDelay"/>.</summary>
    /// <param name="retry">The 1-based retry number.</param>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ticks = Backoff switch
        {
            Backoff.Constant => (double)Delay.Ticks,
            Backoff.Linear => (double)Delay.Ticks * retry,
            // 2^62 ticks is past the cap for any delay of a tick or more; a larger power would turn a zero delay into NaN.
            _ => Delay.Ticks * Math.Pow(2, Math.Min(retry - 1, 62)),
        };
        return ticks <= 0 ? TimeSpan.Zero : ticks >= MaxDelay.Ticks ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }
}
