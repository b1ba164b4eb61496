using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The one place where an instance changes state: typed <see cref="InstanceMessage"/>s (wake, event delivered, slot
/// granted, pause, resume, terminate, restart, delete...) are handled here one at a time, each to its end, and at
/// most one <see cref="WorkflowExecution"/> runs. Waiting for a concurrency slot is part of the actor's state
/// (<see cref="IsQueued"/>), not a message left hanging. The actor lives while it has work and is dropped from memory
/// when idle; the log holds everything it needs to come back.
/// </summary>
internal sealed partial class InstanceActor
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(5);

    private readonly TenantRuntime _tenant;
    private readonly SemaphoreSlim _mailbox = new(1, 1);
    private WorkflowExecution? _execution;
    private IDisposable? _slot;
    private SlotRequest? _queued;
    private int _messages;

    public InstanceActor(TenantRuntime tenant, string id)
    {
        _tenant = tenant;
        Id = id;
        Scheduler = new SerialTaskScheduler(OnIdle, tenant.Log.Work);
    }

    public string Id { get; }

    public SerialTaskScheduler Scheduler { get; }

    /// <summary>True while the instance waits for a concurrency slot (its status stays <c>queued</c>).</summary>
    public bool IsQueued => _queued is not null;

    private long Now => _tenant.Now;

    private ILogger Logger => _tenant.Logger;

    /// <summary>Something may be due (a timer fired, the instance was created or recovered): run what needs running.</summary>
    public Task WakeAsync() => Send<bool>(new InstanceMessage.Wake());

    /// <summary>An event was committed as the result of wait <paramref name="position"/>.</summary>
    public Task EventDeliveredAsync(int position, string payload, long at) =>
        Send<bool>(new InstanceMessage.EventDelivered(position, payload, at));

    /// <summary>A child's end was committed as the result of child step <paramref name="position"/>.</summary>
    public Task ChildEndedAsync(int position, WaitResult result) => Send<bool>(new InstanceMessage.ChildEnded(position, result));

    /// <summary>The log says the instance ended (terminated with its parent): stops its execution, writing nothing.</summary>
    public Task EndedInLogAsync() => Send<bool>(new InstanceMessage.EndedInLog());

    /// <summary>
    /// Posts a wake from inside the engine (a resume, a restart, an execution that must be replayed). Its failure is
    /// observed: the wake retries itself, and anything else is logged.
    /// </summary>
    public void WakeLater() => Own(Scheduler.Run(WakeAsync), "wake");

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
    public void EvictParked() => Own(Scheduler.Run(() => Send<bool>(new InstanceMessage.EvictParked())), "eviction");

    /// <summary>
    /// The tenant is going away: stops the actor on its scheduler. Its failure is logged even though the tenant
    /// stopped: a stop that failed may leave attempts running or a slot held.
    /// </summary>
    public void Stop() => Own(Scheduler.Run(StopAsync), "stop", afterTenantStop: true);

    /// <summary>Stops the execution (cancelling its attempts) without writing anything.</summary>
    private Task StopAsync()
    {
        DropParked();
        CancelQueued();
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
            WakeLater();
            return;
        }

        ReleaseSlot();
        if (retryLater)
        {
            _tenant.ScheduleTimer(Id, Now + (long)RetryAfterFailure.TotalMilliseconds);
        }
    }

    /// <summary>Handles one message alone: the next one starts when this one has finished.</summary>
    private async Task<T> Send<T>(InstanceMessage message)
    {
        _messages++;
        try
        {
            await _mailbox.WaitAsync();
            try
            {
                return (T)(await HandleAsync(message))!;
            }
            finally
            {
                _mailbox.Release();
            }
        }
        finally
        {
            _messages--;
        }
    }

    private async Task<object?> HandleAsync(InstanceMessage message)
    {
        switch (message)
        {
            case InstanceMessage.Wake:
                if (Resume() is { } execution)
                {
                    execution.OnWake();
                }
                else
                {
                    await StartOrRetryAsync();
                }

                return true;
            case InstanceMessage.EventDelivered delivered:
                if (Resume() is { } receiver)
                {
                    receiver.OnEventDelivered(delivered.Position, delivered.Payload, delivered.At);
                }
                else
                {
                    await StartOrRetryAsync();
                }

                return true;
            case InstanceMessage.ChildEnded ended:
                if (Resume() is { } parent)
                {
                    parent.OnChildEnded(ended.Position, ended.Result);
                }
                else
                {
                    await StartOrRetryAsync();
                }

                return true;
            case InstanceMessage.Create create:
                return await CreateCoreAsync(create.Instance);
            case InstanceMessage.EndedInLog:
                await StopAsync();
                return true;
            case InstanceMessage.SlotGranted granted:
                await OnSlotGrantedAsync(granted);
                return true;
            case InstanceMessage.EvictParked:
                DropParked();
                return true;
            case InstanceMessage.Pause:
                return await PauseCoreAsync();
            case InstanceMessage.Resume:
                return await ResumeCoreAsync();
            case InstanceMessage.Terminate terminate:
                return await TerminateCoreAsync(terminate.Rollback);
            case InstanceMessage.Restart restart:
                return await RestartCoreAsync(restart.FromName, restart.FromCount);
            case InstanceMessage.Delete:
                return await DeleteCoreAsync();
            default:
                throw new ArgumentOutOfRangeException(nameof(message), message, "Not a message an instance actor handles.");
        }
    }

    /// <summary>
    /// The execution a wake goes to: the one in memory, a parked one once it holds a slot again. A parked execution
    /// that cannot get a slot at once is dropped, and the wake starts the instance as any start does (queued for a
    /// slot, then replayed from the log), so slot waiting has one path.
    /// </summary>
    private WorkflowExecution? Resume()
    {
        if (_execution is not { State: ExecutionState.Parked } parked)
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
        if (_execution is { State: ExecutionState.Parked } parked)
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
        else if (_messages == 0 && _queued is null)
        {
            _tenant.TryRetire(this);
        }
    }

    /// <summary>
    /// Starts the instance; a failure of the engine's own work (the log, loading the workflow's code, charging
    /// attempts a host stop cut off) is not left to strand it: it is logged and the instance is woken again a little later.
    /// </summary>
    private async Task StartOrRetryAsync()
    {
        try
        {
            await StartAsync();
        }
        catch (Exception error) when (!_tenant.IsStopped)
        {
            OnStartFailed(error);
        }
    }

    /// <summary>A start that failed gives back its slot (unless it started an execution) and is tried again later.</summary>
    private void OnStartFailed(Exception error)
    {
        if (_execution is null)
        {
            ReleaseSlot();
        }

        LogStartFailed(Logger, error, _tenant.Tenant, Id, RetryAfterFailure);
        _tenant.ScheduleTimer(Id, Now + (long)RetryAfterFailure.TotalMilliseconds);
    }

    /// <summary>
    /// Starts an execution if the instance should run. Without a free slot the instance is queued: the message ends
    /// here and the slot comes back as a <see cref="InstanceMessage.SlotGranted"/> message.
    /// </summary>
    private async Task StartAsync()
    {
        if (_execution is not null || _queued is not null || !await ChargeCutOffAsync())
        {
            return;
        }

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
            var request = new SlotRequest();
            var acquiring = _tenant.Slots.AcquireAsync(workflow.Name, workflow.MaxConcurrency, request.Token);
            if (!acquiring.IsCompletedSuccessfully)
            {
                _queued = request;
                Own(AwaitSlotAsync(request, acquiring), "slot wait");
                return;
            }

            request.Dispose();
            _slot = acquiring.Result;
        }

        await RunAsync(snapshot, workflow);
    }

    /// <summary>The queued start's slot came: read the instance again (other messages ran meanwhile) and run it.</summary>
    private async Task OnSlotGrantedAsync(InstanceMessage.SlotGranted granted)
    {
        if (!ReferenceEquals(_queued, granted.Request) || _execution is not null || _slot is not null)
        {
            // Withdrawn (pause, terminate, restart, delete, stop) after the slot was granted.
            granted.Lease.Dispose();
            return;
        }

        _queued = null;
        granted.Request.Dispose();
        _slot = granted.Lease;
        try
        {
            var snapshot = await LoadAsync();
            if (snapshot is null || !await SettleAsync(snapshot))
            {
                ReleaseSlot();
                return;
            }

            var workflow = _tenant.Resolve(snapshot.Instance.Version, snapshot.Instance.Workflow);
            if (workflow is null)
            {
                ReleaseSlot();
                await FailUnresolvableAsync(snapshot.Instance);
                return;
            }

            await RunAsync(snapshot, workflow);
        }
        catch (Exception error) when (!_tenant.IsStopped)
        {
            OnStartFailed(error);
        }
    }

    private async Task RunAsync(InstanceSnapshot snapshot, WorkflowRegistration workflow)
    {
        if (snapshot.Instance.Status == InstanceStatus.Queued)
        {
            if (!await _tenant.Log.MarkRunningAsync(Id, snapshot.Instance.Generation, Now))
            {
                ReleaseSlot();
                return;
            }

            _tenant.NotifyStatus(Id, InstanceStatus.Running);
        }

        _execution = new WorkflowExecution(this, _tenant, snapshot, workflow, terminating: false);
        _execution.Start();
    }

    /// <summary>Waits (outside any message) for the queued start's slot and hands it to the actor as a message.</summary>
    private async Task AwaitSlotAsync(SlotRequest request, Task<IDisposable> acquiring)
    {
        IDisposable lease;
        try
        {
            lease = await acquiring;
        }
        catch (OperationCanceledException)
        {
            request.Dispose();
            return;
        }

        await Scheduler.Run(() => Send<bool>(new InstanceMessage.SlotGranted(request, lease)));
    }

    /// <summary>Withdraws a queued start: control messages and stops find the instance not waiting for a slot.</summary>
    private void CancelQueued()
    {
        var queued = _queued;
        _queued = null;
        queued?.Cancel();
    }

    /// <summary>
    /// True when the instance should run. A pause that was waiting for steps of a process that died takes
    /// effect now: those steps died with it.
    /// </summary>
    private async Task<bool> SettleAsync(InstanceSnapshot snapshot)
    {
        if (snapshot.Instance.Status == InstanceStatus.WaitingForPause)
        {
            // Fenced: a write that moved the instance first (a parent's termination ends its children in the log)
            // stands, and nothing announces a pause the log did not take.
            var before = await _tenant.Log.TransitionAsync(Id, [InstanceStatus.WaitingForPause], InstanceStatus.Paused, Now);
            if (before == InstanceStatus.WaitingForPause)
            {
                _tenant.NotifyStatus(Id, InstanceStatus.Paused);
            }

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
            _tenant.OnInstanceErrored(Id, "WorkflowNotFound", message);
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

    /// <summary>
    /// The owner of the actor's background work (wakes, evictions, slot waits, the stop): a failure that escaped is
    /// logged, never lost; a tenant that stopped under it is no failure, unless the work is what happens
    /// <paramref name="afterTenantStop"/>.
    /// </summary>
    private void Own(Task work, string what, bool afterTenantStop = false) =>
        _ = ObserveAsync(work, what, afterTenantStop); // Observes its own failure: the task never faults.

    private async Task ObserveAsync(Task work, string what, bool afterTenantStop)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (Exception) when (_tenant.IsStopped && !afterTenantStop)
        {
            // The tenant stopped under it: the instance is recovered from the log by the next incarnation.
        }
        catch (Exception error)
        {
            LogBackgroundFailed(Logger, error, _tenant.Tenant, Id, what);
        }
    }

    [LoggerMessage(EventId = EventIds.InstanceStartFailed, Level = LogLevel.Error,
        Message = "Starting instance {InstanceId} of tenant {Tenant} failed in the engine; it is woken again in {RetryAfter}")]
    private static partial void LogStartFailed(ILogger logger, Exception error, string tenant, string instanceId, TimeSpan retryAfter);

    [LoggerMessage(EventId = EventIds.InstanceBackgroundWorkFailed, Level = LogLevel.Error,
        Message = "Background work ({Work}) of instance {InstanceId} of tenant {Tenant} failed")]
    private static partial void LogBackgroundFailed(ILogger logger, Exception error, string tenant, string instanceId, string work);
}
