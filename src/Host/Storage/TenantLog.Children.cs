namespace Skein.Host.Storage;

/// <summary>
/// Child workflows: the start that records the parent's step and inserts the child in one transaction, and the family
/// rules every write that ends, deletes or restarts an instance keeps in its own transaction (a child's end resolves
/// its parent's step; a parent's end, deletion or restart terminates its unfinished children, recursively).
/// </summary>
internal sealed partial class TenantLog
{
    public const string DeletedChildError = "InstanceDeleted";

    /// <summary>Told, after the commit, what a write did to other instances of a family (see <see cref="FamilyChange"/>).</summary>
    public Action<FamilyChange>? FamilyChanged { get; set; }

    /// <summary>
    /// Records the parent's <c>childWorkflow</c> step (waiting) and inserts the child, queued, in one transaction. A
    /// child left under the same id by an earlier generation of the parent (a restart from before the step) is
    /// deleted with its descendants and replaced; an id held by any other instance fails the step instead.
    /// </summary>
    public Task<ChildStartOutcome> StartChildAsync(StepWrite step, NewInstance child, long now) => WriteFamily((tx, effects) =>
    {
        if (!IsCurrent(tx, step.InstanceId, step.Generation))
        {
            return new ChildStartOutcome(true, false);
        }

        var existing = tx.Rows("SELECT parent_id, parent_generation FROM instances WHERE id = $0",
            r => (Parent: r.IsDBNull(0) ? null : r.GetString(0), Generation: r.IsDBNull(1) ? 0 : r.GetInt32(1)), child.Id);
        if (existing.Count > 0)
        {
            if (existing[0].Parent != step.InstanceId || existing[0].Generation >= step.Generation)
            {
                var message = $"The child workflow's id '{child.Id}' is already used by another instance; delete it or rename the step \"{step.Name}\".";
                WriteStep(tx, step with { Status = StepStatus.Errored, ErrorName = "InstanceIdTaken", ErrorMessage = message, EndedAt = now, ChildId = null }, now);
                return new ChildStartOutcome(false, false, "InstanceIdTaken", message);
            }

            // The restart that went back before this step terminated that child; its record is replaced, not kept
            // under an id that now names the fresh child.
            DeleteTree(tx, effects, child.Id);
        }

        var seq = tx.Scalar<long>("SELECT COALESCE(MAX(seq), 0) + 1 FROM instances");
        tx.Execute("""
            INSERT INTO instances (id, seq, workflow, version, status, params, created_at, updated_at, parent_id, parent_step,
                                   parent_position, parent_generation, trace_parent)
            VALUES ($0, $1, $2, $3, 'queued', $4, $5, $5, $6, $7, $8, $9, $10)
            """, child.Id, seq, child.Workflow, child.Version, child.Params, child.CreatedAt, step.InstanceId, step.Name,
            step.Position, step.Generation, child.TraceParent);
        History(tx, child.Id, now, "status", new
        {
            status = StoredNames.Name(InstanceStatus.Queued), workflow = child.Workflow, version = child.Version,
            parent = new { id = step.InstanceId, step = step.Name },
        });
        WriteStep(tx, step with { ChildId = child.Id, ChildWorkflow = child.Workflow }, now);
        return new ChildStartOutcome(false, true);
    });

    /// <summary>Runs a write that may change other instances of a family and reports those changes after its commit.</summary>
    private async Task<T> WriteFamily<T>(Func<LogTransaction, FamilyEffects, T> write)
    {
        var effects = new FamilyEffects();
        var result = await Write(tx =>
        {
            effects.Clear();
            return write(tx, effects);
        });
        if (!effects.IsEmpty)
        {
            FamilyChanged?.Invoke(effects.ToChange());
        }

        return result;
    }

    /// <summary>
    /// The instance just ended with <paramref name="status"/>: its parent's step (if it is a child) is resolved and
    /// its unfinished children are terminated.
    /// </summary>
    private static void EndFamily(LogTransaction tx, FamilyEffects effects, string id, InstanceStatus status, string? output,
        string? errorName, string? errorMessage, long now)
    {
        var stepStatus = status == InstanceStatus.Complete ? StepStatus.Complete
            : status == InstanceStatus.Errored ? StepStatus.Errored
            : StepStatus.Terminated;
        if (stepStatus == StepStatus.Terminated && errorName is null)
        {
            errorName = "Terminated";
            errorMessage = $"The child workflow '{id}' was terminated.";
        }

        ResolveParent(tx, effects, id, stepStatus, output, errorName, errorMessage, now);
        TerminateChildren(tx, effects, id, 0, now);
    }

    /// <summary>Resolves the parent's step waiting for child <paramref name="id"/>, if there is one, and moves the parent on.</summary>
    private static void ResolveParent(LogTransaction tx, FamilyEffects effects, string id, StepStatus status, string? output,
        string? errorName, string? errorMessage, long now)
    {
        var parent = tx.Rows("SELECT parent_id, parent_position FROM instances WHERE id = $0 AND parent_id IS NOT NULL",
            r => (Id: r.GetString(0), Position: r.GetInt32(1)), id);
        if (parent.Count == 0 || tx.Execute("""
                UPDATE steps SET status = $3, output = $4, error_name = $5, error_message = $6, ended_at = $7
                WHERE instance_id = $0 AND position = $1 AND child_id = $2 AND status = 'waiting'
                """, parent[0].Id, parent[0].Position, id, StoredNames.Name(status), output, errorName, errorMessage, now) == 0)
        {
            return;
        }

        var (parentId, position) = parent[0];
        var step = tx.Rows("SELECT name, count FROM steps WHERE instance_id = $0 AND position = $1",
            r => (Name: r.GetString(0), Count: r.GetInt32(1)), parentId, position)[0];
        HistoryEntry(tx, parentId, now, "step", StepEvent(StepKind.ChildWorkflow, step.Name, step.Count, position, status, null, errorName, errorMessage));
        ResumeIfWaiting(tx, parentId, now);
        var parentStatus = tx.Scalar<string>("SELECT status FROM instances WHERE id = $0", parentId);
        if (parentStatus is not null && !InstanceStatus.IsFinished(StoredNames.ToInstanceStatus(parentStatus)))
        {
            effects.Resolved(new ChildEnd(parentId, position, status, output, errorName, errorMessage, now));
        }
    }

    /// <summary>Terminates the unfinished children started at or after <paramref name="fromPosition"/>, and theirs.</summary>
    private static void TerminateChildren(LogTransaction tx, FamilyEffects effects, string parentId, int fromPosition, long now)
    {
        var children = tx.Rows("SELECT id FROM instances WHERE parent_id = $0 AND parent_position >= $1 AND ended_at IS NULL",
            r => r.GetString(0), parentId, fromPosition);
        foreach (var child in children)
        {
            tx.Execute("UPDATE instances SET status = 'terminated', ended_at = $1, updated_at = $1 WHERE id = $0", child, now);
            History(tx, child, now, "status", new { status = StoredNames.Name(InstanceStatus.Terminated) });
            effects.Terminated(child);
            EndFamily(tx, effects, child, InstanceStatus.Terminated, null, null, null, now);
        }
    }

    /// <summary>Deletes an instance, its descendants and everything recorded of them (unfinished ones are reported terminated).</summary>
    private static void DeleteTree(LogTransaction tx, FamilyEffects effects, string id)
    {
        foreach (var child in tx.Rows("SELECT id FROM instances WHERE parent_id = $0", r => r.GetString(0), id))
        {
            DeleteTree(tx, effects, child);
        }

        if (tx.Scalar<long?>("SELECT 1 FROM instances WHERE id = $0 AND ended_at IS NULL", id) is not null)
        {
            effects.Terminated(id);
        }

        DeleteEverything(tx, id);
    }
}
