namespace Skein.TenantSdk;

/// <summary>How the delay between retries grows.</summary>
public enum Backoff
{
    /// <summary>Every retry waits the same delay <c>d</c>.</summary>
    Constant,

    /// <summary>Retry <c>n</c> waits <c>d·n</c>.</summary>
    Linear,

    /// <summary>Retry <c>n</c> waits <c>d·2^(n−1)</c>.</summary>
    Exponential,
}
