namespace Skein.Host.Storage;

/// <summary>
/// One tenant's durable workflow log, as the engine uses it: the current state of its instances, their steps and
/// attempts, the events sent to them and their history in commit order. Every write is a named operation of the
/// engine; a provider (SQLite's <see cref="TenantLog"/> today, Postgres next) implements it and must pass the
/// conformance suite in <c>tests/Host.Tests/Storage/Conformance</c>. The guarantees a provider gives are written in
/// <c>src/Host/Storage/README.md</c>.
/// </summary>
/// <remarks>
/// Writes complete only after they are durable (group commit: writes queued together may share one commit, and a
/// write that fails fails alone). Writes made for a run of an instance carry its generation and are fenced: a run
/// that was superseded (a restart) or whose instance ended writes nothing and gets <c>false</c>/<c>null</c> back.
/// Reads see committed writes only. Methods are safe to call from any thread.
/// </remarks>
internal interface IWorkflowLog : IDisposable
{
    /// <summary>The tenant whose log this is.</summary>
    string Tenant { get; }

    /// <summary>Commit counters, for metrics and the benchmark.</summary>
    LogWriteStats Stats { get; }

    /// <summary>A test seam: the engine's work in hand on this log (a write counts from queued until committed).</summary>
    WorkInFlight Work { get; }

    /// <summary>
    /// A test seam: holds every later batch before its commit until the returned gate is released, so a test can
    /// queue writes behind it and see them committed together. Production code never calls it.
    /// </summary>
    CommitGate HoldCommits();

    InstanceRow? FindInstance(string id);

    /// <summary>The instance and its steps as the engine replays it, read consistently; null when it does not exist.</summary>
    InstanceSnapshot? LoadSnapshot(string id);

    /// <summary>The instance, its steps and their attempts, read consistently; null when it does not exist.</summary>
    InstanceHistory? LoadHistory(string id);

    /// <summary>A page of instances in creation order, filtered by workflow and status.</summary>
    IReadOnlyList<InstanceRow> ListInstances(InstanceQuery query);

    /// <summary>Instances that must be running after a start: queued, running or waiting for a pause, in creation order.</summary>
    IReadOnlyList<(string Id, InstanceStatus Status)> ListRunnable();

    /// <summary>The earliest timer of every instance that waits on one.</summary>
    IReadOnlyList<(string Id, long WakeAt)> ListTimers();

    /// <summary>The instance's history after <paramref name="afterSeq"/>, in commit order; seqs are never reused.</summary>
    IReadOnlyList<HistoryRow> ReadHistory(string id, long afterSeq, int limit = 500);

    /// <summary>True when an unfinished instance is pinned to deployment <paramref name="version"/>.</summary>
    bool HasUnfinishedOn(int version);

    /// <summary>How many instances are in each status (statuses with none are absent).</summary>
    IReadOnlyDictionary<InstanceStatus, long> CountByStatus();

    /// <summary>Inserts a <c>queued</c> instance, or returns the existing one with the same id (nothing written).</summary>
    Task<CreateOutcome> CreateInstanceAsync(NewInstance instance);

    /// <summary>Moves a queued or woken instance to <c>running</c>; false when the run was superseded.</summary>
    Task<bool> MarkRunningAsync(string id, int generation, long now);

    /// <summary>Writes a step row (and its attempt); false, writing nothing, when the run was superseded.</summary>
    Task<bool> WriteStepAsync(StepWrite step, long now);

    /// <summary>
    /// Starts an event wait: takes the oldest buffered event of the type if there is one (completing the wait at
    /// once), otherwise records the wait with its timeout.
    /// </summary>
    Task<EventWaitOutcome> StartEventWaitAsync(StepWrite wait, long now);

    /// <summary>Ends a sleep, or times out an event wait, if it is still waiting; returns the row as it is now.</summary>
    Task<StepRow?> EndWaitAsync(string id, int generation, int position, long now);

    /// <summary>
    /// Records an event for an unfinished instance and hands it to the oldest wait for its type that has not timed
    /// out; a finished or unknown instance gets nothing written.
    /// </summary>
    Task<SendEventOutcome> SendEventAsync(string id, string type, string payload, long now);

    /// <summary>
    /// Marks a quiescent run <c>waiting</c> if every wait it holds is still open; false when one was resolved
    /// meanwhile (the run must replay) or the run was superseded.
    /// </summary>
    Task<bool> MarkWaitingAsync(string id, int generation, IReadOnlyCollection<int> openWaits, long now);

    /// <summary>Sets the status if it is one of <paramref name="from"/>; returns the status before (null: no instance).</summary>
    Task<InstanceStatus?> TransitionAsync(string id, IReadOnlyCollection<InstanceStatus> from, InstanceStatus to, long now);

    /// <summary>Ends the instance; false when the run was superseded or the instance had ended already.</summary>
    Task<bool> FinishAsync(string id, int generation, InstanceStatus status, string? output, string? errorName, string? errorMessage, long now);

    /// <summary>Records that a step's rollback handler ran; false when the run was superseded.</summary>
    Task<bool> WriteRollbackAsync(string id, int generation, int position, StepStatus status, string? error, long now);

    /// <summary>
    /// Starts the instance over in a new generation: steps from <paramref name="fromPosition"/> on are forgotten,
    /// the events they took are handed back, and the instance is queued again. Null when it does not exist.
    /// </summary>
    Task<InstanceRow?> RestartAsync(string id, int fromPosition, long now);

    /// <summary>Deletes the instance and everything recorded of it; false when there was none.</summary>
    Task<bool> DeleteInstanceAsync(string id);

    /// <summary>
    /// Retention: deletes up to <paramref name="maxInstances"/> finished instances (<c>complete</c>, <c>errored</c>,
    /// <c>terminated</c>) that ended before <paramref name="endedBefore"/> (Unix ms), oldest first, with everything
    /// recorded of them, as one write through the group commit; it stops after the instance that brings the rows
    /// deleted to <paramref name="maxRows"/>, so no purge write holds the writer long. An unfinished instance is never
    /// deleted: the choice and the deletes are one unit, so an instance restarted meanwhile is not seen as finished.
    /// Nothing is fenced by generation (a finished instance has no run left to write). Fails like any write (a full
    /// disk: nothing of it is deleted).
    /// </summary>
    Task<PurgeOutcome> PurgeFinishedAsync(long endedBefore, int maxInstances, long maxRows);

    /// <summary>
    /// Gives up to <paramref name="maxPages"/> pages of free space (left by deletes) back to the file system, as one
    /// write through the group commit; returns the free pages left. A store that gives space back by itself returns 0.
    /// </summary>
    Task<long> ReclaimSpaceAsync(int maxPages);

    /// <summary>
    /// Charges the attempts a host stop cut off (started per <paramref name="started"/>, never ended in the log) to
    /// their steps and counts a recovery in a row; past <paramref name="maxRecoveries"/> the instance ends
    /// <c>errored</c>. Idempotent: an attempt already charged is not charged again.
    /// </summary>
    Task<CutOffOutcome> ChargeCutOffAttemptsAsync(string id, IReadOnlyList<AttemptStart> started, int maxRecoveries, long now);
}
