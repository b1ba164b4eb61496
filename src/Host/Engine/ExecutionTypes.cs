using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>What an execution is doing with the workflow code.</summary>
internal enum ExecutionMode
{
    /// <summary>Replaying and running steps.</summary>
    Running,

    /// <summary>A pause was asked for: no new step starts; the instance pauses when in-flight steps finish.</summary>
    Pausing,

    /// <summary>Terminating with rollback: no new step starts; handlers run when in-flight work stops.</summary>
    Terminating,

    /// <summary>
    /// Only waits are left and the instance is <c>waiting</c> in the log: the workflow code stays in memory, blocked
    /// on its waits, holding no concurrency slot, until a wake continues it or the <see cref="ExecutionCache"/>
    /// evicts it.
    /// </summary>
    Parked,

    /// <summary>Done, suspended or superseded: nothing more is written.</summary>
    Ended,
}

/// <summary>How a durable wait (sleep or event wait) ended.</summary>
internal sealed record WaitResult(StepStatus Status, string? Output, string? ErrorMessage, long EndedAt);

/// <summary>A sleep or event wait the execution is blocked on.</summary>
internal sealed class PendingWait(int position, long wakeAt)
{
    public int Position { get; } = position;

    public long WakeAt { get; } = wakeAt;

    public TaskCompletionSource<WaitResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A new step asked for before replay caught up with the log (or while pausing): started later.</summary>
internal sealed record DeferredStart(string Description, Action Start);

/// <summary>The rollback handler of a completed step.</summary>
internal sealed record RollbackEntry(
    int Position,
    string Name,
    bool AlreadyRan,
    TimeSpan Timeout,
    Func<string?, string?, CancellationToken, Task> Handler);
