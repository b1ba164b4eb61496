namespace Skein.Host.Engine;

/// <summary>
/// A message to an <see cref="InstanceActor"/>: the actor handles them one at a time, each to its end (nothing waits
/// mid-message holding the mailbox; waiting for a concurrency slot is the actor's <see cref="InstanceActor.IsQueued"/>
/// state and its end comes back as a <see cref="SlotGranted"/> message).
/// </summary>
internal abstract record InstanceMessage
{
    /// <summary>Something may be due (a timer fired, the instance was created, recovered, resumed or restarted).</summary>
    public sealed record Wake : InstanceMessage;

    /// <summary>
    /// Create the instance, and start it in the same write when a concurrency slot is free (the actor is new: nothing
    /// else of the instance is in memory).
    /// </summary>
    public sealed record Create(Storage.NewInstance Instance) : InstanceMessage;

    /// <summary>An event was committed as the result of wait <paramref name="Position"/>.</summary>
    public sealed record EventDelivered(int Position, string Payload, long At) : InstanceMessage;

    /// <summary>A child's end was committed as the result of child step <paramref name="Position"/>.</summary>
    public sealed record ChildEnded(int Position, WaitResult Result) : InstanceMessage;

    /// <summary>
    /// The log already says the instance ended (a parent's end, deletion or restart terminated it): stop whatever runs
    /// in memory, writing nothing.
    /// </summary>
    public sealed record EndedInLog : InstanceMessage;

    /// <summary>The slot a queued start asked for: the start goes on (or gives the slot back).</summary>
    public sealed record SlotGranted(SlotRequest Request, IDisposable Lease) : InstanceMessage;

    /// <summary>The node's execution cache evicted the parked execution.</summary>
    public sealed record EvictParked : InstanceMessage;

    /// <summary>Pause after in-flight steps finish.</summary>
    public sealed record Pause : InstanceMessage;

    /// <summary>Resume a paused instance (or one still waiting to pause).</summary>
    public sealed record Resume : InstanceMessage;

    /// <summary>Terminate, with the rollback handlers of completed steps first when <paramref name="Rollback"/>.</summary>
    public sealed record Terminate(bool Rollback) : InstanceMessage;

    /// <summary>Run again from the start, or from step <paramref name="FromName"/> #<paramref name="FromCount"/>.</summary>
    public sealed record Restart(string? FromName, int FromCount) : InstanceMessage;

    /// <summary>Stop the instance if it runs and delete it with its whole history.</summary>
    public sealed record Delete : InstanceMessage;
}
