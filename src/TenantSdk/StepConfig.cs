namespace Skein.TenantSdk;

/// <summary>Retries and timeout of one step.</summary>
public sealed record StepConfig
{
    /// <summary>The per-attempt timeout used when a step sets none: 10 minutes.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The longest per-attempt timeout a step may ask for: 365 days, as for a sleep.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    /// <summary>The retry policy; <see cref="RetryPolicy.Default"/> when null.</summary>
    public RetryPolicy? Retries { get; init; }

    /// <summary>
    /// How long one attempt may run before it is cancelled and counted as failed: more than zero and at most
    /// <see cref="MaxTimeout"/>; 10 minutes when null.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
