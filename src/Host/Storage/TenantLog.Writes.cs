namespace Skein.Host.Storage;

/// <summary>The log's writes: each runs inside a group-commit transaction and is fenced where a run writes.</summary>
internal sealed partial class TenantLog
{
    private const string UpsertStepSql = """
        INSERT INTO steps (instance_id, position, kind, name, count, status, output, error_name, error_message,
                           event_type, wake_at, started_at, ended_at, child_id, child_workflow)
        VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
        ON CONFLICT (instance_id, position) DO UPDATE SET
            status = excluded.status, output = excluded.output, error_name = excluded.error_name,
            error_message = excluded.error_message, wake_at = excluded.wake_at, ended_at = excluded.ended_at
        """;

    public Task<CreateOutcome> CreateInstanceAsync(NewInstance instance) => Write(tx => Create(tx, instance, started: false));

    /// <summary>
    /// Moves a queued or woken instance to <c>running</c>; false when the run was superseded. An instance already
    /// <c>running</c> (started again after a restart, or replayed) stays so and its history gains no entry: the
    /// history records changes of status.
    /// </summary>
    public Task<bool> MarkRunningAsync(string id, int generation, long now) => Write(tx =>
    {
        var fence = Fence(tx, id, generation);
        if (!fence.Current || fence.Status is not (InstanceStatus.Queued or InstanceStatus.Running or InstanceStatus.Waiting))
        {
            return false;
        }

        tx.Execute("UPDATE instances SET status = 'running', started_at = COALESCE(started_at, $1), updated_at = $1 WHERE id = $0", id, now);
        return fence.Status == InstanceStatus.Running || History(tx, id, now, "status", new { status = StoredNames.Name(InstanceStatus.Running) });
    });

    /// <summary>Writes a step row (and its attempt); false, writing nothing, when the run was superseded.</summary>
    public Task<bool> WriteStepAsync(StepWrite step, long now) => Write(tx => WriteStep(tx, step, now));

    /// <summary>
    /// Starts an event wait: takes the oldest buffered event of the type if there is one (completing the wait at
    /// once), otherwise records the wait with its timeout.
    /// </summary>
    public Task<EventWaitOutcome> StartEventWaitAsync(StepWrite wait, long now) => Write(tx =>
    {
        if (!IsCurrent(tx, wait.InstanceId, wait.Generation))
        {
            return new EventWaitOutcome(true, false, null, 0);
        }

        var buffered = tx.Rows(
            "SELECT seq, payload, received_at FROM events WHERE instance_id = $0 AND type = $1 AND consumed_position IS NULL ORDER BY seq LIMIT 1",
            r => (Seq: r.GetInt64(0), Payload: r.GetString(1), ReceivedAt: r.GetInt64(2)), wait.InstanceId, wait.EventType);
        if (buffered.Count == 0)
        {
            WriteStep(tx, wait, now);
            return new EventWaitOutcome(false, false, null, 0);
        }

        var (seq, payload, receivedAt) = buffered[0];
        tx.Execute("UPDATE events SET consumed_position = $1 WHERE seq = $0", seq, wait.Position);
        WriteStep(tx, wait with { Status = StepStatus.Complete, Output = payload, EndedAt = now, WakeAt = null }, now);
        return new EventWaitOutcome(false, true, payload, receivedAt);
    });

    /// <summary>Ends a sleep, or times out an event wait, if it is still waiting; returns the row as it is now.</summary>
    public Task<StepRow?> EndWaitAsync(string id, int generation, int position, long now) => Write(tx =>
    {
        if (!IsCurrent(tx, id, generation))
        {
            return null;
        }

        var ended = tx.Execute("""
            UPDATE steps SET
                status = CASE kind WHEN 'sleep' THEN 'complete' ELSE 'timedOut' END,
                error_name = CASE kind WHEN 'sleep' THEN NULL ELSE 'WorkflowTimeoutException' END,
                error_message = CASE kind WHEN 'sleep' THEN NULL ELSE 'No "' || event_type || '" event arrived before the wait "' || name || '" timed out.' END,
                ended_at = $2
            WHERE instance_id = $0 AND position = $1 AND status = 'waiting'
            """, id, position, now) > 0;
        var row = tx.Query($"SELECT {StepColumns} FROM steps s WHERE s.instance_id = $0 AND s.position = $1", ReadStep, id, position)
            .FirstOrDefault();
        if (ended)
        {
            // Only the end that happened is recorded: a restart can end an overdue sleep twice (its replay finds it
            // due and its re-armed timer fires), and the second must neither add an entry nor resume a later wait.
            ResumeIfWaiting(tx, id, now);
            HistoryEntry(tx, id, now, "step", StepEvent(row!.Kind, row.Name, row.Count, row.Position, row.Status, null, row.ErrorName, row.ErrorMessage));
        }

        return row;
    });

    /// <summary>
    /// Records an event for an unfinished instance and hands it to the oldest wait for its type that has not timed
    /// out; a finished or unknown instance gets nothing written.
    /// </summary>
    public Task<SendEventOutcome> SendEventAsync(string id, string type, string payload, long now) => Write(tx =>
    {
        var stored = tx.Scalar<string>("SELECT status FROM instances WHERE id = $0", id);
        var status = stored is null ? (InstanceStatus?)null : StoredNames.ToInstanceStatus(stored);
        if (status is not { } current || InstanceStatus.IsFinished(current))
        {
            return new SendEventOutcome(status, null);
        }

        tx.Execute("INSERT INTO events (instance_id, type, payload, received_at) VALUES ($0, $1, $2, $3)", id, type, payload, now);
        var eventSeq = tx.Scalar<long>("SELECT last_insert_rowid()");
        History(tx, id, now, "event", new { type });
        var position = tx.Scalar<long?>("""
            SELECT position FROM steps
            WHERE instance_id = $0 AND kind = 'waitForEvent' AND status = 'waiting' AND event_type = $1
              AND (wake_at IS NULL OR wake_at > $2)
            ORDER BY position LIMIT 1
            """, id, type, now);
        if (position is not { } delivered)
        {
            return new SendEventOutcome(status, null);
        }

        tx.Execute("UPDATE events SET consumed_position = $1 WHERE seq = $2 AND instance_id = $0", id, delivered, eventSeq);
        tx.Execute("UPDATE steps SET status = 'complete', output = $2, ended_at = $3, wake_at = NULL WHERE instance_id = $0 AND position = $1",
            id, delivered, payload, now);
        var wait = tx.Rows("SELECT name, count FROM steps WHERE instance_id = $0 AND position = $1", r => (r.GetString(0), r.GetInt32(1)), id, delivered)[0];
        HistoryEntry(tx, id, now, "step", StepEvent(StepKind.WaitForEvent, wait.Item1, wait.Item2, (int)delivered, StepStatus.Complete, null, null, null));
        ResumeIfWaiting(tx, id, now);
        return new SendEventOutcome(status, (int)delivered);
    });

    /// <summary>
    /// Marks a quiescent run <c>waiting</c> if every wait it holds is still open in the log; false when one was
    /// resolved meanwhile (the run must replay) or the run was superseded.
    /// </summary>
    public Task<bool> MarkWaitingAsync(string id, int generation, IReadOnlyCollection<int> openWaits, long now) => Write(tx =>
    {
        if (!IsCurrent(tx, id, generation))
        {
            return false;
        }

        foreach (var position in openWaits)
        {
            var status = tx.Scalar<string>("SELECT status FROM steps WHERE instance_id = $0 AND position = $1", id, position);
            if (status != StoredNames.Name(StepStatus.Waiting))
            {
                return false;
            }
        }

        if (tx.Execute("UPDATE instances SET status = 'waiting', updated_at = $1 WHERE id = $0 AND status = 'running'", id, now) > 0)
        {
            History(tx, id, now, "status", new { status = StoredNames.Name(InstanceStatus.Waiting) });
        }

        return true;
    });

    /// <summary>Sets the status if it is one of <paramref name="from"/>; returns the status before.</summary>
    public Task<InstanceStatus?> TransitionAsync(string id, IReadOnlyCollection<InstanceStatus> from, InstanceStatus to, long now) => Write(tx =>
    {
        var stored = tx.Scalar<string>("SELECT status FROM instances WHERE id = $0", id);
        if (stored is null)
        {
            return (InstanceStatus?)null;
        }

        var status = StoredNames.ToInstanceStatus(stored);
        if (from.Contains(status))
        {
            tx.Execute("UPDATE instances SET status = $1, updated_at = $2 WHERE id = $0", id, StoredNames.Name(to), now);
            History(tx, id, now, "status", new { status = StoredNames.Name(to) });
        }

        return status;
    });

    /// <summary>
    /// Ends the instance; false when the run was superseded or the instance had ended already. In the same transaction
    /// the parent's step waiting for it is resolved and its unfinished children are terminated.
    /// </summary>
    public Task<bool> FinishAsync(string id, int generation, InstanceStatus status, string? output, string? errorName,
        string? errorMessage, long now) => WriteFamily((tx, effects) =>
    {
        var finished = IsCurrent(tx, id, generation) &&
            tx.Execute("""
                UPDATE instances SET status = $1, output = $2, error_name = $3, error_message = $4, ended_at = $5, updated_at = $5
                WHERE id = $0
                """, id, StoredNames.Name(status), output, errorName, errorMessage, now) > 0 &&
            History(tx, id, now, "status", new
            {
                status = StoredNames.Name(status),
                output = output is null ? null : new RawJson(output),
                error = errorName is null ? null : new { name = errorName, message = errorMessage },
            });
        if (finished)
        {
            EndFamily(tx, effects, id, status, output, errorName, errorMessage, now);
        }

        return finished;
    });

    /// <summary>Records that a step's rollback handler ran.</summary>
    public Task<bool> WriteRollbackAsync(string id, int generation, int position, StepStatus status, string? error, long now) =>
        Write(tx =>
            IsCurrent(tx, id, generation) &&
            tx.Execute("UPDATE steps SET rollback_status = $2, rollback_error = $3 WHERE instance_id = $0 AND position = $1",
                id, position, StoredNames.Name(status), error) > 0 &&
            History(tx, id, now, "rollback", new { position, status = StoredNames.Name(status), error }) &&
            tx.Execute("UPDATE instances SET updated_at = $1 WHERE id = $0", id, now) > 0);

    /// <summary>
    /// Starts the instance over in a new generation: steps from <paramref name="fromPosition"/> on (all when null)
    /// are forgotten, the events they took are handed back, and the instance is queued again.
    /// </summary>
    public Task<InstanceRow?> RestartAsync(string id, int fromPosition, long now) => WriteFamily((tx, effects) =>
    {
        var found = tx.Query($"SELECT {InstanceColumns} FROM instances WHERE id = $0", ReadInstance, id);
        if (found.Count == 0)
        {
            return null;
        }

        tx.Execute("DELETE FROM attempts WHERE instance_id = $0 AND position >= $1", id, fromPosition);
        tx.Execute("DELETE FROM steps WHERE instance_id = $0 AND position >= $1", id, fromPosition);
        tx.Execute("UPDATE events SET consumed_position = NULL WHERE instance_id = $0 AND consumed_position >= $1", id, fromPosition);
        // The children those steps started go with them; a fresh child replaces each when its step runs again.
        TerminateChildren(tx, effects, id, fromPosition, now);
        tx.Execute("""
            UPDATE instances SET status = 'queued', generation = generation + 1, output = NULL, error_name = NULL,
                error_message = NULL, ended_at = NULL, updated_at = $1, recoveries = 0
            WHERE id = $0
            """, id, now);
        History(tx, id, now, "status", new { status = StoredNames.Name(InstanceStatus.Queued), restartedFrom = fromPosition });
        return found[0] with
        {
            Status = InstanceStatus.Queued, Generation = found[0].Generation + 1, Output = null, ErrorName = null,
            ErrorMessage = null, EndedAt = null,
        };
    });

    /// <summary>
    /// Deletes the instance and its whole history; false when there was none. A parent waiting for it (it is a child)
    /// gets its step resolved as terminated, and its unfinished children are terminated, in the same transaction.
    /// </summary>
    public Task<bool> DeleteInstanceAsync(string id, long? now = null) => WriteFamily((tx, effects) =>
    {
        var updated = tx.Scalar<long?>("SELECT updated_at FROM instances WHERE id = $0", id);
        if (updated is null)
        {
            return false;
        }

        // Without a clock given, the family's changes are stamped with the instance's last change.
        var at = now ?? updated.Value;
        ResolveParent(tx, effects, id, StepStatus.Terminated, null, DeletedChildError,
            $"The child workflow '{id}' was deleted before its parent took its result.", at);
        TerminateChildren(tx, effects, id, 0, at);
        return DeleteEverything(tx, id).Instance;
    });

    // progress: true for the instance's own writes, which reset its count of crash recoveries in a row. The fence
    // reads the count anyway, and it is written only when it was not zero, so the fast path gains no statement.
    private static bool WriteStep(LogTransaction tx, StepWrite s, long now, bool progress = true)
    {
        var (current, _, recoveries) = Fence(tx, s.InstanceId, s.Generation);
        if (!current)
        {
            return false;
        }

        if (progress && recoveries > 0)
        {
            tx.Execute("UPDATE instances SET recoveries = 0 WHERE id = $0", s.InstanceId);
        }

        // The attempt's lines come before its outcome in the history, in the order they were written.
        AppendLines(tx, s.InstanceId, s.Logs);
        tx.Execute(UpsertStepSql, s.InstanceId, s.Position, StoredNames.Name(s.Kind), s.Name, s.Count, StoredNames.Name(s.Status), s.Output, s.ErrorName,
            s.ErrorMessage, s.EventType, s.WakeAt, s.StartedAt, s.EndedAt, s.ChildId, s.ChildWorkflow);
        // A step that succeeds at its first attempt needs no attempt row: the step row says it all.
        if (s.Attempt is { } a && !(a.Attempt == 1 && a.Success))
        {
            tx.Execute("""
                INSERT OR REPLACE INTO attempts (instance_id, position, attempt, started_at, ended_at, success, error_name, error_message, error_stack)
                VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $8)
                """, s.InstanceId, s.Position, a.Attempt, a.StartedAt, a.EndedAt, a.Success ? 1 : 0, a.ErrorName, a.ErrorMessage, a.ErrorStack);
        }

        // The output is not copied into the history: it would store every step result twice (read it from the step).
        HistoryEntry(tx, s.InstanceId, now, "step", StepEvent(s.Kind, s.Name, s.Count, s.Position, s.Status, s.Attempt, s.ErrorName, s.ErrorMessage, s.StartedAt, s.WakeAt, s.ChildId));
        if (s.Resume)
        {
            ResumeIfWaiting(tx, s.InstanceId, now);
        }

        return true;
    }

    private static void ResumeIfWaiting(LogTransaction tx, string id, long now)
    {
        if (tx.Execute("UPDATE instances SET status = 'running', updated_at = $1 WHERE id = $0 AND status = 'waiting'", id, now) > 0)
        {
            History(tx, id, now, "status", new { status = StoredNames.Name(InstanceStatus.Running) });
        }
    }

    private static bool History(LogTransaction tx, string id, long at, string kind, object data) =>
        HistoryEntry(tx, id, at, kind, System.Text.Json.JsonSerializer.Serialize(data, HistoryJson));

    /// <summary>Appends a history entry whose data is JSON already (a step's: <see cref="StepHistoryJson"/>).</summary>
    private static bool HistoryEntry(LogTransaction tx, string id, long at, string kind, string json)
    {
        tx.Execute("INSERT INTO history (instance_id, at, kind, data) VALUES ($0, $1, $2, $3)", id, at, kind, json);
        return true;
    }

    private static string StepEvent(StepKind kind, string name, int count, int position, StepStatus status, AttemptRow? attempt,
        string? errorName, string? errorMessage, long? start = null, long? wakeAt = null, string? childId = null) =>
        StepHistoryJson.Write(kind, name, count, position, status, attempt, errorName, errorMessage, start, wakeAt, childId);

    private static readonly System.Text.Json.JsonSerializerOptions HistoryJson = new(System.Text.Json.JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new RawJsonConverter() },
    };

    /// <summary>The fence: a run may write only while its instance is unfinished and still in its generation.</summary>
    private static bool IsCurrent(LogTransaction tx, string id, int generation) => Fence(tx, id, generation).Current;

    /// <summary>
    /// The fence, with the instance's status and crash recoveries in a row (see <see cref="ChargeCutOffAttemptsAsync"/>),
    /// read in the one query.
    /// </summary>
    private static (bool Current, InstanceStatus? Status, int Recoveries) Fence(LogTransaction tx, string id, int generation)
    {
        var found = tx.Rows("SELECT generation, status, recoveries FROM instances WHERE id = $0",
            r => (Generation: r.GetInt32(0), Status: StoredNames.ToInstanceStatus(r.GetString(1)), Recoveries: r.GetInt32(2)), id);
        return found.Count == 1 && found[0].Generation == generation && !InstanceStatus.IsFinished(found[0].Status)
            ? (true, found[0].Status, found[0].Recoveries)
            : (false, null, 0);
    }
}
