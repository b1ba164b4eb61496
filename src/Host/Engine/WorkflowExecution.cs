using System.Diagnostics;
using System.Text.Json;
using Skein.Host.Engine.Replay;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// One run of an instance's workflow code: it replays the logged steps (matched by <see cref="ReplayMatcher"/>), runs
/// new ones, and ends by completing, failing, pausing, terminating, or parking / suspending while it only waits. Its
/// one lifecycle state is an <see cref="ExecutionState"/> (see src/Host/Engine/README.md for the rules). Everything
/// here runs on the instance's <see cref="SerialTaskScheduler"/>, so the state needs no locks.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private readonly InstanceActor _actor;
    private readonly TenantRuntime _tenant;
    private readonly InstanceRow _instance;
    private readonly WorkflowRegistration _workflow;
    private readonly ReplayMatcher _replay;
    private readonly ExecutionLifecycle _lifecycle;
    private readonly List<DeferredStart> _deferred = [];
    private readonly Dictionary<int, PendingWait> _waits = [];
    private readonly List<RollbackEntry> _rollbacks = [];
    private readonly CancellationTokenSource _cancel = new();
    /// <summary>Cuts retry delays short when a pause or an end comes; a new one replaces it when a pause is called off.</summary>
    private CancellationTokenSource _interrupt = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _stepCount;

    /// <summary>Engine work in flight (step attempts, commits, background writes); changed only by <see cref="InFlight"/>.</summary>
    private int _busy;

    /// <summary>
    /// Bumped whenever what the workflow is blocked on may have changed (a call was made, a wait ended): a suspension
    /// that read it before committing <c>waiting</c> sees afterwards whether it still holds.
    /// </summary>
    private int _changes;

    /// <summary>A step gave up mid-retry for a pause: carrying on in memory would lose it, so a resume replays.</summary>
    private bool _stepHeld;

    /// <summary>The log says <c>waiting</c>: the first write moves it back to running (see <see cref="TakeResume"/>).</summary>
    private bool _resumePending;
    private Exception? _fatal;
    private Task<object?>? _run;

    /// <summary>The run's span and its attempts' (see <see cref="Telemetry.RunTrace"/>); how the run ended, for its span.</summary>
    private readonly Telemetry.RunTrace _trace;
    private string? _runEnd;

    /// <summary>
    /// Estimated memory this execution holds for its history (see <see cref="EngineOptions.MaxCachedExecutionBytes"/>):
    /// the params and every step result it replayed or produced, as UTF-16, and a little per step.
    /// </summary>
    private long _heldBytes;

    public WorkflowExecution(InstanceActor actor, TenantRuntime tenant, InstanceSnapshot snapshot,
        WorkflowRegistration workflow, bool terminating)
    {
        _actor = actor;
        _tenant = tenant;
        _instance = snapshot.Instance;
        _workflow = workflow;
        _replay = new ReplayMatcher(snapshot.Steps);
        _lifecycle = new ExecutionLifecycle(terminating ? ExecutionState.Terminating
            : _replay.CaughtUp ? ExecutionState.Running : ExecutionState.Replaying);
        _resumePending = snapshot.Instance.Status == InstanceStatus.Waiting;
        _heldBytes = 2L * snapshot.Instance.Params.Length;
        _trace = new Telemetry.RunTrace(tenant.Tenant, _instance.Id, workflow.Name, _instance.Version, _instance.Generation, _instance.TraceParent);
        foreach (var step in snapshot.Steps)
        {
            _heldBytes += 2L * (step.Output?.Length ?? 0) + 64;
        }
    }

    public ExecutionState State => _lifecycle.State;

    /// <summary>True while a pause goes to this execution: it runs, or its end is being written (which then decides).</summary>
    public bool CanPause => _lifecycle.CanPause || State == ExecutionState.Finishing;

    public SerialTaskScheduler Scheduler => _actor.Scheduler;

    public int Generation => _instance.Generation;

    public string WorkflowName => _workflow.Name;

    /// <summary>The workflow's own limit of instances running at once (0: only the tenant's).</summary>
    public int MaxConcurrency => _workflow.MaxConcurrency;

    /// <summary>Completes when the execution has ended, however it ended.</summary>
    public Task Ended => _ended.Task;

    private string Id => _instance.Id;

    private IWorkflowLog Log => _tenant.Log;

    private long Now => _tenant.Now;

    /// <summary>Starts the workflow code; must be called on the instance's scheduler.</summary>
    public void Start()
    {
        _trace.Start();
        var caller = Activity.Current;
        if (_trace.Current is { } span)
        {
            // The workflow code runs in its run's span, so whatever it starts (its own spans, HttpClient calls) nests there.
            Activity.Current = span;
        }

        try
        {
            var payload = JsonSerializer.Deserialize(_instance.Params, _workflow.ParamsType, _workflow.Json);
            var entry = _workflow.Create();
            var request = _instance.Trigger is null ? null : JsonSerializer.Deserialize<HttpTriggerRequest>(_instance.Trigger, JsonSerializerOptions.Web);
            _run = entry.RunAsync(payload, Id, _workflow.Name, DateTimeOffset.FromUnixTimeMilliseconds(_instance.CreatedAt),
                request, ScheduleTicks.Find(Log, Id), new DurableStep(this), _cancel.Token);
        }
        catch (Exception error)
        {
            // The workflow's constructor runs through reflection, which wraps what it throws: the instance's error
            // names the tenant's own exception.
            _run = Task.FromException<object?>(error is System.Reflection.TargetInvocationException { InnerException: { } thrown } ? thrown : error);
        }
        finally
        {
            Activity.Current = caller;
        }

        Background(() => WatchRunAsync(_run), counted: false);
    }

    /// <summary>The instance's scheduler ran dry: the workflow code is blocked. Decide what that means.</summary>
    public void OnIdle()
    {
        if (State is ExecutionState.Ended or ExecutionState.Parked or ExecutionState.Finishing || _busy > 0)
        {
            return;
        }

        if (_fatal is null && State == ExecutionState.Replaying && _deferred.Count > 0)
        {
            _fatal = _replay.Unclaimed(_deferred[0].Description);
        }

        if (_fatal is not null)
        {
            var fatal = _fatal;
            Background(() => FailAsync(fatal, runRollbacks: false));
        }
        else if (State == ExecutionState.Pausing)
        {
            Background(CompletePauseAsync);
        }
        else if (State == ExecutionState.Terminating)
        {
            Background(CompleteTerminationAsync);
        }
        else if (_waits.Count > 0 && _run is { IsCompleted: false })
        {
            Background(SuspendAsync);
        }
    }

    /// <summary>A timer fired: end every wait that is due.</summary>
    public void OnWake()
    {
        var now = Now;
        foreach (var wait in _waits.Values.Where(w => w.WakeAt <= now).ToList())
        {
            // Counted now, not when the write returns: a suspension under way must see that a wait is ending.
            _changes++;
            Background(() => EndWaitAsync(wait));
        }
    }

    /// <summary>An event was committed as the result of one of this execution's waits.</summary>
    public void OnEventDelivered(int position, string payload, long at)
    {
        // A wait this execution does not hold yet was read from an older snapshot; SuspendAsync notices and replays.
        if (_waits.Remove(position, out var wait))
        {
            _changes++;
            _trace.Event("skein.event", null);
            wait.Done.TrySetResult(new WaitResult(StepStatus.Complete, payload, null, at));
        }
    }

    /// <summary>A child's end was committed as the result of this execution's child step at <paramref name="position"/>.</summary>
    public void OnChildEnded(int position, WaitResult result)
    {
        // A step this execution does not wait on yet was read from an older snapshot; SuspendAsync notices and replays.
        if (_waits.Remove(position, out var wait))
        {
            _changes++;
            wait.Done.TrySetResult(result);
        }
    }

    /// <summary>
    /// Stops new steps; the instance is <c>waitingForPause</c> until in-flight steps finish. Returns the status the
    /// pause's write found: a finished one means the run's end committed first and the pause did not apply.
    /// </summary>
    public async Task<InstanceStatus?> RequestPauseAsync()
    {
        if (State != ExecutionState.Finishing)
        {
            // A workflow already finishing writes its end next; until then the instance shows the pause as asked.
            _lifecycle.MoveTo(ExecutionState.Pausing);
        }

        _interrupt.Cancel();
        // Queued: the run continued as new meanwhile; the pause goes to the next run, which settles it before starting.
        var before = await Tracked(Log.TransitionAsync(Id, [InstanceStatus.Running, InstanceStatus.Waiting, InstanceStatus.Queued],
            InstanceStatus.WaitingForPause, Now));
        if (before is { } status && !InstanceStatus.IsFinished(status))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.WaitingForPause);
        }

        return before;
    }

    /// <summary>
    /// Resume before the pause took effect: carry on, replaying if a step had to be held. False when the pause took
    /// effect first (its write was already queued when the resume came): the execution ended and the instance is
    /// <c>paused</c> in the log, so the caller resumes it from there; or when another write moved the instance off
    /// <c>waitingForPause</c> first, so the caller answers from the log.
    /// </summary>
    public async Task<bool> CancelPauseAsync()
    {
        if (State != ExecutionState.Pausing)
        {
            return false;
        }

        using (InFlight())
        {
            var before = await Log.TransitionAsync(Id, [InstanceStatus.WaitingForPause], InstanceStatus.Running, Now);
            if (State != ExecutionState.Pausing)
            {
                return false;
            }

            if (before != InstanceStatus.WaitingForPause)
            {
                // Moved first by a write of its own (a parent's termination ended it): the caller answers from the
                // log, and the pause still takes effect when the step ends, finding that write (CompletePauseAsync).
                return false;
            }

            _tenant.NotifyStatus(Id, InstanceStatus.Running);
            if (_stepHeld)
            {
                End(replay: true);
                return true;
            }

            // The pause cancelled it for good: a retry delay after the resume would end at once and hold its step,
            // leaving the instance running with nothing to wake it.
            _interrupt = new CancellationTokenSource();
            ContinueRunning();
            return true;
        }
    }

    /// <summary>Terminate with rollback: stop new work, cancel running attempts, undo completed steps when idle.</summary>
    public void BeginTermination()
    {
        if (State != ExecutionState.Finishing)
        {
            // A workflow already finishing writes its own end; the cancellation below still stops its attempts.
            _lifecycle.MoveTo(ExecutionState.Terminating);
        }

        CancelTenantToken(_cancel);
        _interrupt.Cancel();
    }

    /// <summary>A wake reached the parked execution and its actor holds a slot again: the workflow code goes on.</summary>
    public void Unpark()
    {
        if (State == ExecutionState.Parked)
        {
            _trace.Start();
            ContinueRunning();
        }
    }

    /// <summary>
    /// Forgets a parked execution: it ends without cancelling anything, so no tenant code runs; the workflow code stays
    /// blocked on its waits and is collected. Whoever runs the instance next replays it from the log.
    /// </summary>
    public void Drop()
    {
        _trace.Stop("dropped");
        _lifecycle.MoveTo(ExecutionState.Ended);
        _ended.TrySetResult();
    }

    /// <summary>Stops the execution at once: nothing more is written by it.</summary>
    public void Abandon()
    {
        if (State == ExecutionState.Ended)
        {
            return;
        }

        _trace.Stop("abandoned");
        _lifecycle.MoveTo(ExecutionState.Ended);
        CancelTenantToken(_cancel);
        _interrupt.Cancel();
        _ended.TrySetResult();
    }

    private async Task WatchRunAsync(Task<object?> run)
    {
        try
        {
            await run;
        }
        catch (Exception)
        {
            // Looked at below.
        }

        if (State is ExecutionState.Ended or ExecutionState.Terminating)
        {
            return;
        }

        _lifecycle.MoveTo(ExecutionState.Finishing);
        using (InFlight())
        {
            try
            {
                await WriteCodeLinesAsync();
                await FinishRunAsync(run);
            }
            catch (Exception error)
            {
                _tenant.OnExecutionError(Id, error);
                End(replay: false, retryLater: true);
            }
        }
    }

    private async Task FinishRunAsync(Task<object?> run)
    {
        if (_fatal is not null)
        {
            await FailAsync(_fatal, runRollbacks: false);
            return;
        }

        if (run.IsCompletedSuccessfully && _replay.Unclaimed("the end of the workflow") is { } unclaimed)
        {
            await FailAsync(unclaimed, runRollbacks: false);
            return;
        }

        if (run.Exception?.GetBaseException() is ContinueAsNewException next)
        {
            _runEnd = "continued";
            await ContinueAsNewAsync(next);
            return;
        }

        if (!run.IsCompletedSuccessfully)
        {
            await FailAsync(run.Exception!.GetBaseException(), runRollbacks: true);
            return;
        }

        var output = JsonSerializer.Serialize(run.Result, _workflow.ResultType, _workflow.Json);
        if (JsonText.Utf8Bytes(output) is var bytes && bytes > _tenant.Limits.MaxPayloadBytes)
        {
            await FailAsync(new PayloadTooLargeException(
                $"The workflow's output is {bytes} bytes of JSON; the limit is {_tenant.Limits.MaxPayloadBytes}."), runRollbacks: true);
            return;
        }

        _runEnd = "complete";
        if (await Log.FinishAsync(Id, Generation, InstanceStatus.Complete, output, null, null, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Complete);
        }

        End(replay: false);
    }

    private async Task FailAsync(Exception error, bool runRollbacks)
    {
        _lifecycle.MoveTo(ExecutionState.Finishing);
        var (name, message) = ErrorInfo(error);
        _runEnd = "errored";
        _trace.Fail(error, $"{name}: {message}");
        if (runRollbacks)
        {
            await RunRollbacksAsync(name, message);
        }

        if (await Log.FinishAsync(Id, Generation, InstanceStatus.Errored, null, name, message, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Errored);
            _tenant.OnInstanceErrored(Id, name, message);
        }

        End(replay: false);
    }

    private async Task CompletePauseAsync()
    {
        // Fenced on the status the pause wrote: whatever moved the instance off waitingForPause first (a resume, the
        // run's end) stands, and the pause never marks a running instance paused over it.
        var before = await Log.TransitionAsync(Id, [InstanceStatus.WaitingForPause], InstanceStatus.Paused, Now);
        if (State != ExecutionState.Pausing)
        {
            return;
        }

        if (before == InstanceStatus.WaitingForPause)
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Paused);
            _runEnd = "paused";
            End(replay: false);
            return;
        }

        // The log no longer asks for a pause: leave memory and go on from what it says (an ended instance stays ended).
        End(replay: before is { } status && !InstanceStatus.IsFinished(status));
    }

    private async Task CompleteTerminationAsync()
    {
        _lifecycle.MoveTo(ExecutionState.Finishing);
        _runEnd = "terminated";
        await RunRollbacksAsync(null, null);

        if (await Log.FinishAsync(Id, Generation, InstanceStatus.Terminated, null, null, null, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Terminated);
        }

        End(replay: false);
    }

    /// <summary>Only waits are left: record <c>waiting</c> and leave memory, unless a wait ended meanwhile.</summary>
    private async Task SuspendAsync()
    {
        var changes = _changes;
        var stillWaiting = await Log.MarkWaitingAsync(Id, Generation, _waits.Keys.ToList(), Now);
        if (State is not (ExecutionState.Replaying or ExecutionState.Running) || changes != _changes)
        {
            return;
        }

        if (!stillWaiting)
        {
            End(replay: true);
            return;
        }

        _tenant.NotifyStatus(Id, InstanceStatus.Waiting);
        if (_actor.TryPark(this, Interlocked.Read(ref _heldBytes)))
        {
            // The log says waiting: whatever writes first after a wake moves it back to running.
            _lifecycle.MoveTo(ExecutionState.Parked);
            _resumePending = true;
            _trace.Stop("parked");
            return;
        }

        End(replay: false);
    }

    private void End(bool replay, bool retryLater = false)
    {
        if (State == ExecutionState.Ended)
        {
            return;
        }

        _trace.Stop(retryLater ? "fault" : _runEnd ?? (replay ? "replay" : "waiting"));
        _lifecycle.MoveTo(ExecutionState.Ended);
        _interrupt.Cancel();
        _ended.TrySetResult();
        _actor.OnExecutionEnded(this, replay, retryLater);
    }

    /// <summary>
    /// The owner of every piece of engine work an execution starts in the background (counted, unless
    /// <paramref name="counted"/> is false, as work the idle check waits for): a failure is logged and ends the
    /// execution, and the instance is tried again from its log a little later, so nothing is left stuck.
    /// </summary>
    private void Background(Func<Task> work, bool counted = true) =>
        _ = RunBackgroundAsync(work, counted); // Observes its own failure: the task never faults.

    private async Task RunBackgroundAsync(Func<Task> work, bool counted)
    {
        using (counted ? InFlight() : default)
        {
            try
            {
                await work();
            }
            catch (Exception error)
            {
                _tenant.OnExecutionError(Id, error);
                End(replay: false, retryLater: true);
            }
        }
    }

    /// <summary>Replay caught up or a pause / park ended: back to running (or replaying), deferred steps start.</summary>
    private void ContinueRunning()
    {
        _lifecycle.MoveTo(_replay.CaughtUp ? ExecutionState.Running : ExecutionState.Replaying);
        ReleaseDeferred();
    }

    private async Task<T> Tracked<T>(Task<T> task)
    {
        using (InFlight())
        {
            return await task;
        }
    }

    /// <summary>True for the first write of an execution that woke a <c>waiting</c> instance: it moves it to running.</summary>
    private bool TakeResume()
    {
        var resume = _resumePending;
        _resumePending = false;
        return resume;
    }

    private (string Name, string Message) ErrorInfo(Exception error)
    {
        var (name, message, _) = ErrorWithFrames(error);
        return (name, message);
    }

    /// <summary>
    /// The error as recorded, with the tenant's own frames of its stack trace (one per line; null when it has none);
    /// an anonymous runtime error's message names the innermost of them (see <see cref="Logging.TenantFrames"/>).
    /// </summary>
    private (string Name, string Message, string? Stack) ErrorWithFrames(Exception error)
    {
        if (error is StepFailedException failed && failed.ErrorName.Length > 0)
        {
            return (failed.ErrorName, failed.Message, null);
        }

        var frames = Logging.TenantFrames.Of(error, _workflow.Assembly);
        return (error.GetType().Name, Logging.TenantFrames.Message(error, frames), frames.Count > 0 ? string.Join('\n', frames) : null);
    }

}
