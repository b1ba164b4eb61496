namespace Skein.Host.Storage;

/// <summary>Creating an instance: queued, or queued and started in the same transaction when a slot is free.</summary>
internal sealed partial class TenantLog
{
    /// <summary>
    /// Inserts the instance already <c>running</c> (started at its creation), with the <c>queued</c> and <c>running</c>
    /// history entries a separate start would have written, in one transaction; or returns the existing one with the
    /// same id, writing nothing (an existing instance is never started or replaced here).
    /// </summary>
    public Task<CreateOutcome> CreateStartedInstanceAsync(NewInstance instance) => Write(tx => Create(tx, instance, started: true));

    private static CreateOutcome Create(LogTransaction tx, NewInstance instance, bool started)
    {
        // The id is new on almost every create: ask cheaply first, and read the whole row only when it is taken.
        if (tx.Scalar<long?>("SELECT 1 FROM instances WHERE id = $0", instance.Id) is not null)
        {
            return new CreateOutcome(tx.Query($"SELECT {InstanceColumns} FROM instances WHERE id = $0", ReadInstance, instance.Id)[0], false);
        }

        var status = started ? InstanceStatus.Running : InstanceStatus.Queued;
        var startedAt = started ? instance.CreatedAt : (long?)null;
        var seq = tx.Scalar<long>("SELECT COALESCE(MAX(seq), 0) + 1 FROM instances");
        tx.Execute("""
            INSERT INTO instances (id, seq, workflow, version, status, params, created_at, started_at, updated_at, trigger, trace_parent)
            VALUES ($0, $1, $2, $3, $4, $5, $6, $7, $6, $8, $9)
            """, instance.Id, seq, instance.Workflow, instance.Version, StoredNames.Name(status), instance.Params, instance.CreatedAt, startedAt,
            instance.Trigger, instance.TraceParent);
        History(tx, instance.Id, instance.CreatedAt, "status", new { status = StoredNames.Name(InstanceStatus.Queued), workflow = instance.Workflow, version = instance.Version });
        if (started)
        {
            // The history (and the live stream, which reads it) keeps the start as its own entry, as a separate start writes it.
            History(tx, instance.Id, instance.CreatedAt, "status", new { status = StoredNames.Name(InstanceStatus.Running) });
        }

        return new CreateOutcome(
            new InstanceRow(instance.Id, seq, instance.Workflow, instance.Version, status, instance.Params,
                null, null, null, 1, instance.CreatedAt, startedAt, null, instance.Trigger, TraceParent: instance.TraceParent),
            true);
    }
}
