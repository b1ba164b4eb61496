using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The one place where an instance changes state: control messages (wake, pause, resume, terminate, restart,
/// delete) are handled here one at a time, and at most one <see cref="WorkflowExecution"/> runs. The actor lives
/// while it has work and is dropped from memory when idle; the log holds everything it needs to come back.
/// </summary>
internal sealed partial class InstanceActor
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly TenantRuntime _tenant;
    private readonly SemaphoreSlim _mailbox = new(1, 1);
    private WorkflowExecution? _execution;
    private IDisposable? _slot;
    private CancellationTokenSource? _slotWait;
    private int _busy;
    private bool _starting;

    public InstanceActor(TenantRuntime tenant, string id)
    {
        _tenant = tenant;
        Id = id;
        Scheduler = new SerialTaskScheduler(OnIdle, tenant.Log.Work);
    }

    public string Id { get; }

    public SerialTaskScheduler Scheduler { get; }

    private long Now => _tenant.Now;

    /// <summary>Something may be due (a timer fired, the instance was created or recovered): run what needs running.</summary>
    public Task WakeAsync() => Handle(async () =>
    {
        if (Resume() is { } execution)
        {
            execution.OnWake();
            return;
        }

        await StartAsync();
    });

    /// <summary>An event was committed as the result of wait <paramref name="position"/>.</summary>
    public Task EventDeliveredAsync(int position, string payload, long at) => Handle(async () =>
    {
        if (Resume() is { } execution)
        {
            execution.OnEventDelivered(position, payload, at);
            return;
        }

        await StartAsync();
    });

    /// <summary>
    /// Called by an execution that only waits, after <c>waiting</c> was committed: true when it may stay parked in
    /// memory (the cache admitted it), and then it gives its concurrency slot back as a suspended instance does.
    /// </summary>
    public bool TryPark(WorkflowExecution execution, long bytes)
    {
        if (!ReferenceEquals(_execution, execution) || !_tenant.Executions.Admit(this, bytes))
        {
            return false;
        }

        ReleaseSlot();
        return true;
    }

    /// <summary>The cache evicted this actor's parked execution: drop it on the actor's scheduler, between messages.</summary>
    public void EvictParked() => _ = Scheduler.Run(() => Handle(() =>
    {
        DropParked();
        return Task.CompletedTask;
    }));

    /// <summary>The tenant is going away: stop the execution (cancelling its attempts) without writing anything.</summary>
    public Task StopAsync()
    {
        DropParked();
        _slotWait?.Cancel();
        _execution?.Abandon();
        _execution = null;
        ReleaseSlot();
        return Task.CompletedTask;
    }

    /// <summary>Called by the execution when it ends; <paramref name="replay"/> asks for a fresh execution.</summary>
    public void OnExecutionEnded(WorkflowExecution execution, bool replay, bool retryLater)
    {
        if (!ReferenceEquals(_execution, execution))
        {
            return;
        }

        _execution = null;
        if (replay)
        {
            _ = Scheduler.Run(WakeAsync);
            return;
        }

        ReleaseSlot();
        if (retryLater)
        {
            _tenant.ScheduleTimer(Id, Now + (long)RetryAfterFailure.TotalMilliseconds);
        }
    }

    /// <summary>
    /// The execution a wake goes to: the one in memory, a parked one once it holds a slot again. A parked execution
    /// that cannot get a slot at once is dropped, and the wake starts the instance as any start does (queued for a
    /// slot, then replayed from the log), so slot waiting has one path.
    /// </summary>
    private WorkflowExecution? Resume()
    {
        if (_execution is not { Mode: ExecutionMode.Parked } parked)
        {
            return _execution;
        }

        _tenant.Executions.Remove(this);
        if (_tenant.Slots.TryAcquire(parked.WorkflowName, parked.MaxConcurrency) is { } slot)
        {
            _slot = slot;
            parked.Unpark();
            return parked;
        }

        DropParked();
        return null;
    }

    /// <summary>
    /// Ends a parked execution without writing anything (the log already says <c>waiting</c>); control messages call it
    /// first, so they find the instance as if it were not in memory.
    /// </summary>
    private void DropParked()
    {
        if (_execution is { Mode: ExecutionMode.Parked } parked)
        {
            _tenant.Executions.Remove(this);
            parked.Drop();
            _execution = null;
        }
    }

    private void OnIdle()
    {
        if (_execution is { } execution)
        {
            execution.OnIdle();
        }
        else if (_busy == 0)
        {
            _tenant.TryRetire(this);
        }
    }

    /// <summary>Runs a control message alone: the next one starts when this one has finished.</summary>
    private async Task Handle(Func<Task> message)
    {
        _busy++;
        try
        {
            await _mailbox.WaitAsync();
            try
            {
                await message();
            }
            finally
            {
                _mailbox.Release();
            }
        }
        finally
        {
            _busy--;
        }
    }

    private async Task<T> Handle<T>(Func<Task<T>> message)
    {
        var result = default(T)!;
        Func<Task> untyped = async () => result = await message();
        await Handle(untyped);
        return result;
    }

    /// <summary>Starts an execution if the instance should run: takes a concurrency slot (waiting while queued).</summary>
    private async Task StartAsync()
    {
        if (_execution is not null || _starting)
        {
            return;
        }

        _starting = true;
        try
        {
            var snapshot = await LoadAsync();
            if (snapshot is null || !await SettleAsync(snapshot))
            {
                return;
            }

            var workflow = _tenant.Resolve(snapshot.Instance.Version, snapshot.Instance.Workflow);
            if (workflow is null)
            {
                await FailUnresolvableAsync(snapshot.Instance);
                return;
            }

            if (_slot is null)
            {
                _slotWait = new CancellationTokenSource();
                var acquiring = _tenant.Slots.AcquireAsync(workflow.Name, workflow.MaxConcurrency, _slotWait.Token);
                if (acquiring.IsCompletedSuccessfully)
                {
                    _slot = acquiring.Result;
                    _slotWait = null;
                }
                else
                {
                    _mailbox.Release();
                    try
                    {
                        _slot = await acquiring;
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                    finally
                    {
                        await _mailbox.WaitAsync();
                        _slotWait = null;
                    }

                    // Other messages ran while this one waited for a slot: read the instance again.
                    snapshot = await LoadAsync();
                    if (snapshot is null || !await SettleAsync(snapshot))
                    {
                        ReleaseSlot();
                        return;
                    }
                }
            }

            if (snapshot.Instance.Status == InstanceStatus.Queued)
            {
                if (!await _tenant.Log.MarkRunningAsync(Id, snapshot.Instance.Generation, Now))
                {
                    ReleaseSlot();
                    return;
                }

                _tenant.NotifyStatus(Id, InstanceStatus.Running);
            }

            _execution = new WorkflowExecution(this, _tenant, snapshot, workflow, ExecutionMode.Running);
            _execution.Start();
        }
        finally
        {
            _starting = false;
        }
    }

    /// <summary>
    /// True when the instance should run. A pause that was waiting for steps of a process that died takes
    /// effect now: those steps died with it.
    /// </summary>
    private async Task<bool> SettleAsync(InstanceSnapshot snapshot)
    {
        if (snapshot.Instance.Status == InstanceStatus.WaitingForPause)
        {
            await _tenant.Log.TransitionAsync(Id, [InstanceStatus.WaitingForPause], InstanceStatus.Paused, Now);
            _tenant.NotifyStatus(Id, InstanceStatus.Paused);
            return false;
        }

        return snapshot.Instance.Status is InstanceStatus.Queued or InstanceStatus.Running or InstanceStatus.Waiting;
    }

    private async Task FailUnresolvableAsync(InstanceRow instance)
    {
        var message = $"Version {instance.Version} of tenant '{_tenant.Tenant}' has no workflow \"{instance.Workflow}\"; the instance cannot run.";
        if (await _tenant.Log.FinishAsync(Id, instance.Generation, InstanceStatus.Errored, null, "WorkflowNotFound", message, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Errored);
        }
    }

    private Task<InstanceSnapshot?> LoadAsync() => OffSchedulerAsync(() => _tenant.Log.LoadSnapshot(Id));

    /// <summary>
    /// Runs a blocking read on the thread pool. It stays counted as work in flight until its result is back on the
    /// scheduler (the <c>finally</c> runs there), so the engine never looks idle in between.
    /// </summary>
    private async Task<T> OffSchedulerAsync<T>(Func<T> read)
    {
        _tenant.Log.Work.Enter();
        try
        {
            return await Task.Run(read);
        }
        finally
        {
            _tenant.Log.Work.Exit();
        }
    }

    private void ReleaseSlot()
    {
        _slot?.Dispose();
        _slot = null;
    }
}
