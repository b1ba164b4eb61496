namespace Skein.TenantSdk;

/// <summary>How often and how patiently a step is retried.</summary>
/// <param name="Limit">Retries after the first attempt: a limit of 3 runs the step at most 4 times (0–10,000).</param>
/// <param name="Delay">The base delay before a retry.</param>
/// <param name="Backoff">How the delay grows from one retry to the next.</param>
public sealed record RetryPolicy(int Limit, TimeSpan Delay, Backoff Backoff = Backoff.Exponential)
{
    /// <summary>The largest retry limit a step may ask for.</summary>
    public const int MaxLimit = 10_000;

    /// <summary>The policy used when a step sets none: 5 retries, 10 seconds, exponential.</summary>
    public static RetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(10), Backoff.Exponential);

    /// <summary>No retries: the first failure is final.</summary>
    public static RetryPolicy None { get; } = new(0, TimeSpan.Zero, Backoff.Constant);

    /// <summary>The delay before retry number <paramref name="retry"/> (1 for the second attempt).</summary>
    /// <param name="retry">The 1-based retry number.</param>
    public TimeSpan DelayBefore(int retry)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        var ticks = Backoff switch
        {
            Backoff.Constant => (double)Delay.Ticks,
            Backoff.Linear => (double)Delay.Ticks * retry,
            _ => Delay.Ticks * Math.Pow(2, retry - 1),
        };
        // Exponential delays overflow quickly; a year is already past any sensible retry.
        return ticks >= TimeSpan.FromDays(365).Ticks ? TimeSpan.FromDays(365) : TimeSpan.FromTicks((long)ticks);
    }
}
