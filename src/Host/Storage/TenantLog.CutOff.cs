namespace Skein.Host.Storage;

/// <summary>Charging attempts that a host stop cut off, and the crash-loop cap (see <see cref="AttemptJournal"/>).</summary>
internal sealed partial class TenantLog
{
    /// <summary>The error name of an attempt cut off by the host stopping.</summary>
    public const string HostStoppedError = "HostStopped";

    /// <summary>The error name of an instance stopped because crashes kept cutting its recovery off.</summary>
    public const string CrashLoopError = "CrashLoop";

    /// <summary>
    /// Records the attempts of <paramref name="id"/> that started (per the journal) but never ended in the log as
    /// failed attempts (<see cref="HostStoppedError"/>), so the retry policy's limit counts them, and counts one more
    /// recovery in a row; past <paramref name="maxRecoveries"/> the instance ends <c>errored</c>
    /// (<see cref="CrashLoopError"/>). One transaction; nothing is written when every attempt had ended (or belongs to
    /// a superseded run), so running it twice over the same journal charges nothing twice.
    /// </summary>
    public Task<CutOffOutcome> ChargeCutOffAttemptsAsync(string id, IReadOnlyList<AttemptStart> started, int maxRecoveries, long now) =>
        WriteFamily((tx, effects) =>
        {
            var found = tx.Rows("SELECT generation, status, recoveries FROM instances WHERE id = $0",
                r => (Generation: r.GetInt32(0), Status: r.GetString(1), Recoveries: r.GetInt32(2)), id);
            if (found.Count == 0 || InstanceStatus.IsFinished(StoredNames.ToInstanceStatus(found[0].Status)))
            {
                return new CutOffOutcome([], 0, false);
            }

            var (generation, _, recoveries) = found[0];
            var charged = new List<AttemptStart>();
            foreach (var attempt in started.Where(a => a.Generation == generation)
                         .GroupBy(a => a.Position).Select(g => g.MaxBy(a => a.Attempt)!))
            {
                if (ChargeIfCutOff(tx, attempt, now))
                {
                    charged.Add(attempt);
                }
            }

            if (charged.Count == 0)
            {
                return new CutOffOutcome([], recoveries, false);
            }

            recoveries++;
            if (recoveries > maxRecoveries)
            {
                var message = $"The host stopped while this instance was running {recoveries} times in a row without it " +
                    $"making progress (the limit is {maxRecoveries}, Skein:MaxCrashRecoveries); it was stopped so that it " +
                    $"cannot take the node down again. The last cut-off attempt was step \"{charged[^1].Name}\" #{charged[^1].Count} " +
                    $"attempt {charged[^1].Attempt}. Fix the cause and restart the instance.";
                tx.Execute("""
                    UPDATE instances SET status = 'errored', error_name = $1, error_message = $2, recoveries = $3,
                        ended_at = $4, updated_at = $4
                    WHERE id = $0
                    """, id, CrashLoopError, message, recoveries, now);
                // The cut-off steps end with the instance, failed by their last (cut-off) attempt: none is left "running",
                // and the history says so too (a stream client must not see the step's last state as retrying).
                foreach (var attempt in charged)
                {
                    tx.Execute("UPDATE steps SET status = 'errored', ended_at = $2 WHERE instance_id = $0 AND position = $1",
                        id, attempt.Position, now);
                    HistoryEntry(tx, id, now, "step", StepEvent(StepKind.Step, attempt.Name, attempt.Count, attempt.Position,
                        StepStatus.Errored, null, HostStoppedError, HostStoppedMessage(attempt), attempt.StartedAt));
                }

                History(tx, id, now, "status", new { status = StoredNames.Name(InstanceStatus.Errored), error = new { name = CrashLoopError, message } });
                EndFamily(tx, effects, id, InstanceStatus.Errored, null, CrashLoopError, message, now);
                return new CutOffOutcome(charged, recoveries, true);
            }

            tx.Execute("UPDATE instances SET recoveries = $1, updated_at = $2 WHERE id = $0", id, recoveries, now);
            return new CutOffOutcome(charged, recoveries, false);
        });

    /// <summary>Charges the attempt unless the log shows it ended: its step finished, or its attempt row exists.</summary>
    private static bool ChargeIfCutOff(LogTransaction tx, AttemptStart a, long now)
    {
        var step = tx.Rows("SELECT kind, name, count, status FROM steps WHERE instance_id = $0 AND position = $1",
            r => (Kind: r.GetString(0), Name: r.GetString(1), Count: r.GetInt32(2), Status: r.GetString(3)), a.InstanceId, a.Position);
        if (step.Count == 1 && (StoredNames.ToStepKind(step[0].Kind) != StepKind.Step || step[0].Name != a.Name || step[0].Count != a.Count ||
                                StoredNames.ToStepStatus(step[0].Status) is StepStatus.Complete or StepStatus.Errored))
        {
            return false;
        }

        var lastLogged = tx.Scalar<long?>("SELECT MAX(attempt) FROM attempts WHERE instance_id = $0 AND position = $1",
            a.InstanceId, a.Position) ?? 0;
        if (lastLogged >= a.Attempt)
        {
            return false;
        }

        var message = HostStoppedMessage(a);
        var write = new StepWrite(a.InstanceId, a.Generation, a.Position, StepKind.Step, a.Name, a.Count, StepStatus.Retrying,
            a.StartedAt, ErrorName: HostStoppedError, ErrorMessage: message,
            Attempt: new AttemptRow(a.Position, a.Attempt, a.StartedAt, now, false, HostStoppedError, message));
        return WriteStep(tx, write, now, progress: false);
    }

    private static string HostStoppedMessage(AttemptStart a) =>
        $"The host stopped while attempt {a.Attempt} of step \"{a.Name}\" #{a.Count} was running " +
        "(a crash, a kill or a shutdown); the attempt counts against the step's retry limit.";
}
