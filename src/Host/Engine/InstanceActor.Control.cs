using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>Pause, resume, terminate, restart and delete.</summary>
internal sealed partial class InstanceActor
{
    /// <summary>Pauses after in-flight steps finish (<c>waitingForPause</c> until then).</summary>
    public Task<InstanceStatus> PauseAsync() => Send<InstanceStatus>(new InstanceMessage.Pause());

    /// <summary>Resumes a paused instance (or one still waiting to pause).</summary>
    public Task<InstanceStatus> ResumeAsync() => Send<InstanceStatus>(new InstanceMessage.Resume());

    /// <summary>
    /// Terminates: cancels the running attempt's token and ends the instance; with <paramref name="rollback"/>,
    /// the rollback handlers of completed steps run first (the workflow is replayed to find them if needed).
    /// </summary>
    public Task<InstanceStatus> TerminateAsync(bool rollback) => Send<InstanceStatus>(new InstanceMessage.Terminate(rollback));

    /// <summary>
    /// Runs the instance again from the start, or from step <paramref name="fromName"/> (its
    /// <paramref name="fromCount"/>-th use), keeping the results logged before it.
    /// </summary>
    public Task<InstanceStatus> RestartAsync(string? fromName, int fromCount) => Send<InstanceStatus>(new InstanceMessage.Restart(fromName, fromCount));

    /// <summary>Stops the instance if it runs and deletes it with its whole history.</summary>
    public Task<bool> DeleteAsync() => Send<bool>(new InstanceMessage.Delete());

    private async Task<InstanceStatus> PauseCoreAsync()
    {
        DropParked();
        if (_execution is { CanPause: true } execution)
        {
            // The run's end may be written ahead of the pause (the workflow was finishing): then the pause did not apply.
            EnsureUnfinished(await execution.RequestPauseAsync(), "pause");
            return InstanceStatus.WaitingForPause;
        }

        var status = await CurrentStatusAsync();
        EnsureUnfinished(status, "pause");
        if (status is InstanceStatus.Paused or InstanceStatus.WaitingForPause)
        {
            return status.Value;
        }

        CancelQueued();
        var before = await _tenant.Log.TransitionAsync(Id,
            [InstanceStatus.Queued, InstanceStatus.Running, InstanceStatus.Waiting], InstanceStatus.Paused, Now);
        EnsureUnfinished(before!, "pause");
        _tenant.NotifyStatus(Id, InstanceStatus.Paused);
        return InstanceStatus.Paused;
    }

    private async Task<InstanceStatus> ResumeCoreAsync()
    {
        DropParked();
        if (_execution is { State: ExecutionState.Pausing } execution && await execution.CancelPauseAsync())
        {
            return InstanceStatus.Running;
        }

        var status = await CurrentStatusAsync();
        EnsureUnfinished(status, "resume");
        if (status is not (InstanceStatus.Paused or InstanceStatus.WaitingForPause))
        {
            return status.Value;
        }

        // Read again in the write: a run that was finishing may have written its end since the status was read.
        var before = await _tenant.Log.TransitionAsync(Id, [InstanceStatus.Paused, InstanceStatus.WaitingForPause], InstanceStatus.Queued, Now);
        EnsureUnfinished(before, "resume");
        if (before is not (InstanceStatus.Paused or InstanceStatus.WaitingForPause))
        {
            return before.Value;
        }

        _tenant.NotifyStatus(Id, InstanceStatus.Queued);
        WakeLater();
        return InstanceStatus.Queued;
    }

    private async Task<InstanceStatus> TerminateCoreAsync(bool rollback)
    {
        DropParked();
        var status = await CurrentStatusAsync();
        EnsureUnfinished(status, "terminate");
        CancelQueued();
        if (rollback)
        {
            var execution = _execution;
            if (execution is null)
            {
                var snapshot = await LoadAsync() ?? throw Missing();
                var workflow = _tenant.Resolve(snapshot.Instance.Version, snapshot.Instance.Workflow);
                if (workflow is not null)
                {
                    execution = _execution = new WorkflowExecution(this, _tenant, snapshot, workflow, terminating: true);
                    execution.Start();
                }
            }
            else
            {
                execution.BeginTermination();
            }

            if (execution is not null)
            {
                await execution.Ended;
                var after = await CurrentStatusAsync() ?? throw Missing();
                if (InstanceStatus.IsFinished(after))
                {
                    return after;
                }

                // The run continued as new instead of ending: the next run has nothing to roll back; it is terminated below.
            }
        }

        var generation = _execution?.Generation ?? (await LoadAsync())?.Instance.Generation ?? throw Missing();
        _execution?.Abandon();
        _execution = null;
        ReleaseSlot();
        if (await FinishTerminatedAsync(generation))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Terminated);
        }

        return InstanceStatus.Terminated;
    }

    private async Task<InstanceStatus> RestartCoreAsync(string? fromName, int fromCount)
    {
        DropParked();
        var snapshot = await LoadAsync() ?? throw Missing();
        var from = 0;
        if (fromName is not null)
        {
            var step = snapshot.Steps.FirstOrDefault(s => s.Name == fromName && s.Count == fromCount)
                ?? throw new InvalidRequestException(
                    $"Instance '{Id}' has no step \"{fromName}\" #{fromCount} in its log; logged steps: " +
                    string.Join(", ", snapshot.Steps.Select(s => $"\"{s.Name}\" #{s.Count}")) + ".");
            from = step.Position;
        }

        CancelQueued();
        _execution?.Abandon();
        _execution = null;
        ReleaseSlot();
        // The instance may have been deleted since it was read (retention purges in the log): then nothing restarts.
        _ = await _tenant.Log.RestartAsync(Id, from, Now) ?? throw Missing();
        _tenant.NotifyStatus(Id, InstanceStatus.Queued);
        WakeLater();
        return InstanceStatus.Queued;
    }

    private async Task<bool> DeleteCoreAsync()
    {
        DropParked();
        CancelQueued();
        _execution?.Abandon();
        _execution = null;
        ReleaseSlot();
        var deleted = await _tenant.Log.DeleteInstanceAsync(Id, Now);
        if (deleted)
        {
            _tenant.NotifyStatus(Id, null);
        }

        return deleted;
    }

    private async Task<InstanceStatus?> CurrentStatusAsync() =>
        (await OffSchedulerAsync(() => _tenant.Log.FindInstance(Id)))?.Status;

    private void EnsureUnfinished([System.Diagnostics.CodeAnalysis.NotNull] InstanceStatus? status, string operation)
    {
        if (status is null)
        {
            throw Missing();
        }

        if (InstanceStatus.IsFinished(status.Value))
        {
            throw new ConflictException($"Cannot {operation} instance '{Id}': it is {status.Value.Name}.", status);
        }
    }

    private NotFoundException Missing() => new($"Instance '{Id}' does not exist.");
}
