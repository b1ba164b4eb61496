namespace Skein.TenantSdk;

/// <summary>Options of <see cref="WorkflowStep.WaitForEvent{T}"/>.</summary>
public sealed record WaitForEventOptions
{
    /// <summary>The default time to wait for an event: 24 hours.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(24);

    /// <summary>The longest a wait may last: 365 days, as for a sleep.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromDays(365);

    /// <summary>The event type to wait for (1–100 characters of <c>[a-zA-Z0-9_.-]</c>).</summary>
    public required string Type { get; init; }

    /// <summary>
    /// How long to wait before <see cref="WorkflowTimeoutException"/> is thrown: more than zero and at most
    /// <see cref="MaxTimeout"/>; 24 hours when null.
    /// </summary>
    public TimeSpan? Timeout { get; init; }
}
