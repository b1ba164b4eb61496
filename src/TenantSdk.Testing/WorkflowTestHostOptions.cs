namespace Skein.TenantSdk.Testing;

/// <summary>How a <see cref="WorkflowTestHost"/> runs.</summary>
public sealed class WorkflowTestHostOptions
{
    /// <summary>
    /// When true, the fake clock jumps ahead whenever the engine has nothing left to do but a sleep or a retry delay,
    /// so those end at once (as logged: their times are the fake clock's). Event-wait timeouts are never skipped: call
    /// <see cref="WorkflowTestHost.AdvanceAsync"/> for them. Default false.
    /// </summary>
    public bool SkipDelays { get; set; }

    /// <summary>What the fake clock reads when the host starts. Default 2026-01-01T00:00:00Z.</summary>
    public DateTimeOffset StartTime { get; set; } = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>How long (real time) the host's waits give the engine before they fail. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
