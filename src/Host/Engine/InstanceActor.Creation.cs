using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Creating an instance inside its actor, so that a create with a free slot is also its start.</summary>
internal sealed partial class InstanceActor
{
    /// <summary>
    /// Creates the instance (or finds the existing one with its id) and starts it: with a free concurrency slot the
    /// create commits it already <c>running</c> and the execution starts from the row just written, so a fresh
    /// instance costs one write and no read before its first step; without one it is created <c>queued</c> and waits
    /// for its slot as any start does.
    /// </summary>
    public Task<CreateOutcome> CreateAsync(NewInstance instance) => Send<CreateOutcome>(new InstanceMessage.Create(instance));

    private async Task<CreateOutcome> CreateCoreAsync(NewInstance instance)
    {
        WorkflowRegistration? workflow;
        try
        {
            // The code is loaded as every start loads it, before anything is written.
            workflow = _tenant.Resolve(instance.Version, instance.Workflow);
        }
        catch (Exception error) when (!_tenant.IsStopped)
        {
            // As a start that fails to load the code: created queued, holding no slot, woken again a little later.
            var created = await _tenant.Log.CreateInstanceAsync(instance);
            if (created.Created)
            {
                OnStartFailed(error);
            }

            return created;
        }

        // The create is the first message of an actor made for it (TenantRuntime.PostToNew): it holds no execution,
        // queued start or slot yet. Attempts cut off by a host stop under an earlier instance with this id are charged
        // by the usual start first.
        var slot = workflow is not null && _tenant.UnchargedAttempts(Id) is null
            ? _tenant.Slots.TryAcquire(workflow.Name, workflow.MaxConcurrency)
            : null;
        if (slot is null || workflow is null)
        {
            var queued = await _tenant.Log.CreateInstanceAsync(instance);
            if (queued.Created)
            {
                await StartOrRetryAsync();
            }

            return queued;
        }

        CreateOutcome outcome;
        try
        {
            outcome = await _tenant.Log.CreateStartedInstanceAsync(instance);
        }
        catch
        {
            slot.Dispose();
            throw;
        }

        if (!outcome.Created)
        {
            slot.Dispose();
            return outcome;
        }

        _slot = slot;
        _tenant.NotifyStatus(Id, InstanceStatus.Running);
        try
        {
            _execution = new WorkflowExecution(this, _tenant, new InstanceSnapshot(outcome.Instance, []), workflow, terminating: false);
            _execution.Start();
        }
        catch (Exception error) when (!_tenant.IsStopped)
        {
            // Committed and acknowledged: the instance is running in the log, so a retry from the log starts it.
            OnStartFailed(error);
        }

        return outcome;
    }
}
