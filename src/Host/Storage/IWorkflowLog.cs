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

    /// <summary>
    /// Creates the instance and starts it in one write, for a start that holds a concurrency slot: it is inserted
    /// <c>running</c> (started at its creation) with both the <c>queued</c> and the <c>running</c> history entries, as
    /// <see cref="CreateInstanceAsync"/> then <see cref="MarkRunningAsync"/> would leave it, or not at all. An existing
    /// instance with the id is returned as it is, nothing written.
    /// </summary>
    Task<CreateOutcome> CreateStartedInstanceAsync(NewInstance instance);

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

    /// <summary>
    /// Ends the instance; false when the run was superseded or the instance had ended already. In the same
    /// transaction: a parent's <c>childWorkflow</c> step waiting for this instance is resolved with its end (and the
    /// parent moved from waiting to running), and its unfinished children are terminated, recursively.
    /// </summary>
    Task<bool> FinishAsync(string id, int generation, InstanceStatus status, string? output, string? errorName, string? errorMessage, long now);

    /// <summary>Records that a step's rollback handler ran; false when the run was superseded.</summary>
    Task<bool> WriteRollbackAsync(string id, int generation, int position, StepStatus status, string? error, long now);

    /// <summary>
    /// Starts the instance over in a new generation: steps from <paramref name="fromPosition"/> on are forgotten,
    /// the events they took are handed back, the unfinished children those steps started are terminated, and the
    /// instance is queued again. Null when it does not exist.
    /// </summary>
    Task<InstanceRow?> RestartAsync(string id, int fromPosition, long now);

    /// <summary>
    /// Continue-as-new: ends the current run (generation <paramref name="generation"/>) and starts the next run of the
    /// same instance with <paramref name="params"/> and an empty history, in one transaction. The run's steps,
    /// attempts and consumed events are deleted (events not consumed carry over), a summary of it is kept (a bounded
    /// number), the generation goes up so every later write of the ended run is fenced, and history seqs go on
    /// increasing. The next run is <c>queued</c>, or <c>paused</c> when a pause was asked of the ended run. Null,
    /// writing nothing, when the run was superseded or the instance ended.
    /// </summary>
    Task<ContinuedRun?> ContinueAsNewAsync(string id, int generation, string @params, long now);

    /// <summary>
    /// Deletes the instance and everything recorded of it; false when there was none. Family rules as for
    /// <see cref="FinishAsync"/>: a parent waiting for it gets its step resolved <c>terminated</c> (error
    /// <c>InstanceDeleted</c>) and its unfinished children are terminated; <paramref name="now"/> stamps those changes.
    /// </summary>
    Task<bool> DeleteInstanceAsync(string id, long? now = null);

    /// <summary>
    /// Starts a child workflow: records the parent's <c>childWorkflow</c> step (<paramref name="step"/>, waiting) and
    /// inserts <paramref name="child"/> (queued, linked to the parent's step and generation) in one transaction, so a
    /// crash never leaves one without the other. A finished child an earlier generation of the same parent left under
    /// the id is deleted with its descendants and replaced; an id held by any other instance records the step
    /// <c>errored</c> (<c>InstanceIdTaken</c>) and inserts nothing. Fenced: a superseded run writes nothing.
    /// </summary>
    Task<ChildStartOutcome> StartChildAsync(StepWrite step, NewInstance child, long now);

    /// <summary>
    /// Told after the commit of a write that changed other instances of a family: parents whose child step it
    /// resolved (a child ended or was deleted) and children it terminated. The writes that do it: <see cref="FinishAsync"/>,
    /// <see cref="DeleteInstanceAsync"/>, <see cref="RestartAsync"/> (children of forgotten steps),
    /// <see cref="ChargeCutOffAttemptsAsync"/> (an instance stopped) and <see cref="StartChildAsync"/> (a replaced child).
    /// </summary>
    Action<FamilyChange>? FamilyChanged { get; set; }

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

    // Schedules (DESIGN §9). Schedules are not runs: their writes are not fenced by a generation; the tick is fenced
    // by the schedule's last tick instead, inside the same transaction as the instance it creates.

    /// <summary>Every schedule, by id.</summary>
    IReadOnlyList<ScheduleRow> ListSchedules();

    /// <summary>The schedule; null when there is none.</summary>
    ScheduleRow? FindSchedule(string id);

    /// <summary>The deployment version the attribute schedules were last synced to; null before the first sync.</summary>
    int? AttributeSchedulesVersion();

    /// <summary>The tick (Unix ms) that created the instance; null when no schedule did, or no such instance.</summary>
    long? FindScheduleTick(string instanceId);

    /// <summary>
    /// Inserts the schedule unless one with its id exists (returned, nothing written) or the log holds
    /// <paramref name="maxSchedules"/> already (<c>LimitReached</c>, nothing written).
    /// </summary>
    Task<SchedulePutOutcome> CreateScheduleAsync(ScheduleRow schedule, int maxSchedules);

    /// <summary>Deletes the schedule (its instances stay); false when there was none.</summary>
    Task<bool> DeleteScheduleAsync(string id);

    /// <summary>
    /// Pauses or resumes the schedule; a resume records <paramref name="now"/>, so the ticks that fell while it was
    /// paused are not made up. Returns the schedule as it is now, null when there is none.
    /// </summary>
    Task<ScheduleRow?> SetSchedulePausedAsync(string id, bool paused, long now);

    /// <summary>
    /// Takes the tick at <paramref name="tickAt"/> of an unpaused schedule whose last tick is earlier: creates
    /// <paramref name="instance"/> (queued, carrying the tick) and records the tick as the schedule's last, in one
    /// transaction, so a tick is taken at most once across crashes, restores and moves. With overlap "skip" and the
    /// previous tick's instance unfinished, records the tick and creates nothing. An existing instance with the tick's
    /// id is never replaced.
    /// </summary>
    Task<ScheduleTickOutcome> TickScheduleAsync(string scheduleId, long tickAt, NewInstance instance);

    /// <summary>
    /// Makes the attribute schedules those <paramref name="declared"/> by deployment <paramref name="version"/>: others
    /// are deleted, changed ones updated (keeping their last tick and pause), and the version recorded. An id held by
    /// an API schedule is left to it; those ids are returned.
    /// </summary>
    Task<IReadOnlyList<string>> SyncAttributeSchedulesAsync(int version, IReadOnlyList<ScheduleRow> declared);

    // Logs from workflow code. Lines of a step attempt are written with the attempt (StepWrite.Logs), in the same
    // transaction as its outcome; the per-instance bound below applies to both.

    /// <summary>
    /// Appends lines workflow code wrote outside steps, in order, fenced like the run's other writes: false, writing
    /// nothing, when the run was superseded or the instance ended. An instance keeps at most
    /// <see cref="LogLineLimits.MaxLinesPerInstance"/> lines; the first line past it is stored as one warning that
    /// says so (<see cref="LogLineLimits.InstanceTruncated"/>) and later lines are dropped, without failing the write.
    /// </summary>
    Task<bool> AppendLogsAsync(string id, int generation, IReadOnlyList<LogLine> lines);

    /// <summary>
    /// The instance's log lines after <paramref name="afterSeq"/> (their history seqs, never reused), in commit
    /// order, at most <paramref name="limit"/>; empty for an unknown instance.
    /// </summary>
    IReadOnlyList<LogLineRow> ReadLogs(string id, long afterSeq, int limit);
}
