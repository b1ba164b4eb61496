namespace Skein.Host.Engine;

/// <summary>
/// The one lifecycle state of a <see cref="WorkflowExecution"/>. The allowed moves are in
/// <see cref="ExecutionLifecycle"/>; everything an execution may do (start a new step, run an attempt, block on a wait,
/// park) is decided from this state alone.
/// </summary>
internal enum ExecutionState
{
    /// <summary>Logged entries are still unclaimed: logged results are returned, new steps wait for replay to catch up.</summary>
    Replaying,

    /// <summary>Replay caught up with the log: new steps start at once.</summary>
    Running,

    /// <summary>A pause was asked for: no new step starts; the instance pauses when in-flight steps finish.</summary>
    Pausing,

    /// <summary>Terminating with rollback: no new step starts; the handlers run when in-flight work stops.</summary>
    Terminating,

    /// <summary>
    /// Only waits are left and the instance is <c>waiting</c> in the log: the workflow code stays in memory, blocked on
    /// its waits, holding no concurrency slot, until a wake continues it or the <see cref="ExecutionCache"/> evicts it.
    /// </summary>
    Parked,

    /// <summary>The workflow ended (or must fail): its final status, after any rollbacks, is being written.</summary>
    Finishing,

    /// <summary>Done, suspended, dropped or superseded: nothing more is written.</summary>
    Ended,
}
