using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// Attempts a host stop cuts off: each attempt start is noted in the tenant's <see cref="AttemptJournal"/> (not the
/// log: no fsync on the fast path), so the next start can charge it to its step.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private long JournalAttemptStart(int position, string name, int count, int attempt, long startedAt) =>
        _tenant.Journal.Start(new AttemptStart(Id, Generation, position, name, count, attempt, startedAt), _cancel.Token);

    /// <summary>Writes an attempt's outcome; from then on the log, not the journal, knows the attempt ended.</summary>
    private async Task<bool> CommitAttemptAsync(StepWrite write, long now, long journaled)
    {
        try
        {
            return await Log.WriteStepAsync(write, now);
        }
        finally
        {
            _tenant.Journal.End(journaled);
        }
    }

    /// <summary>
    /// A step whose logged attempts already reach its retry limit (attempts cut off by host stops were charged to
    /// it at recovery): it fails with the last attempt's error, without running again.
    /// </summary>
    private async Task<T> FailExhaustedStepAsync<T>(string name, int count, StepRow row)
    {
        var now = Now;
        var failed = new StepWrite(Id, Generation, row.Position, StepKind.Step, name, count, StepStatus.Errored, row.StartedAt,
            ErrorName: row.ErrorName, ErrorMessage: row.ErrorMessage, EndedAt: now, Resume: TakeResume());
        if (!await Tracked(Log.WriteStepAsync(failed, now)))
        {
            return await Never<T>();
        }

        throw new StepFailedException(name, count, row.Attempts, row.ErrorName ?? "Error", row.ErrorMessage ?? "");
    }
}
