namespace Skein.Host.Engine.Replay;

/// <summary>What an execution does with one durable call of the workflow, as the log decides it.</summary>
internal enum ReplayAction
{
    /// <summary>Not in the log and replay has caught up: a new entry, started at the next position.</summary>
    Start,

    /// <summary>
    /// Not in the log, but logged entries are still unclaimed: a parallel branch may yet ask for one, so the new entry
    /// waits (started once replay catches up; non-determinism if the workflow blocks first).
    /// </summary>
    Defer,

    /// <summary>Logged as ended well: the step's result, the event's payload, or a sleep that is over.</summary>
    ReturnLogged,

    /// <summary>Logged as failed: the step's error, or the event wait's timeout.</summary>
    ThrowLogged,

    /// <summary>A step logged between attempts: the next attempt runs, after the logged retry time.</summary>
    ContinueAttempts,

    /// <summary>
    /// A step whose logged attempts already reach its retry limit (attempts a host stop cut off were charged to it):
    /// it is recorded as failed with its last error, without running again.
    /// </summary>
    FailExhausted,

    /// <summary>A sleep or event wait still open in the log: the workflow blocks on it until it ends.</summary>
    AwaitLogged,

    /// <summary>The log holds another kind of entry under this name and occurrence: the code changed.</summary>
    Mismatch,
}
