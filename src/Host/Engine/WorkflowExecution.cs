using System.Text.Json;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Engine;

/// <summary>
/// One run of an instance's workflow code: it replays the logged steps, runs new ones, and ends by completing,
/// failing, pausing, terminating, or suspending while it only waits (the instance is then evicted from memory and
/// a later execution replays it). Everything here runs on the instance's <see cref="SerialTaskScheduler"/>, so the
/// state needs no locks.
/// </summary>
internal sealed partial class WorkflowExecution
{
    private readonly InstanceActor _actor;
    private readonly TenantRuntime _tenant;
    private readonly InstanceRow _instance;
    private readonly WorkflowRegistration _workflow;
    private readonly Dictionary<(string Name, int Count), StepRow> _logged = [];
    private readonly SortedSet<int> _unrequested = [];
    private readonly Dictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly List<DeferredStart> _deferred = [];
    private readonly Dictionary<int, PendingWait> _waits = [];
    private readonly List<RollbackEntry> _rollbacks = [];
    private readonly CancellationTokenSource _cancel = new();
    private readonly CancellationTokenSource _interrupt = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextPosition;
    private int _stepCount;
    private int _busy;
    private int _changes;
    private bool _parked;
    private bool _finishing;
    private bool _rollbackOnTerminate;
    private bool _resumePending;
    private Exception? _fatal;
    private Task<object?>? _run;

    /// <summary>
    /// Estimated memory this execution holds for its history (see <see cref="EngineOptions.MaxCachedExecutionBytes"/>):
    /// the params and every step result it replayed or produced, as UTF-16, and a little per step.
    /// </summary>
    private long _heldBytes;

    public WorkflowExecution(InstanceActor actor, TenantRuntime tenant, InstanceSnapshot snapshot,
        WorkflowRegistration workflow, ExecutionMode mode)
    {
        _actor = actor;
        _tenant = tenant;
        _instance = snapshot.Instance;
        _workflow = workflow;
        Mode = mode;
        _rollbackOnTerminate = mode == ExecutionMode.Terminating;
        _resumePending = snapshot.Instance.Status == InstanceStatus.Waiting;
        _heldBytes = 2L * snapshot.Instance.Params.Length;
        foreach (var step in snapshot.Steps)
        {
            _heldBytes += 2L * (step.Output?.Length ?? 0) + 64;
            _logged[(step.Name, step.Count)] = step;
            _unrequested.Add(step.Position);
            _nextPosition = Math.Max(_nextPosition, step.Position + 1);
        }
    }

    public ExecutionMode Mode { get; private set; }

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
        try
        {
            var payload = JsonSerializer.Deserialize(_instance.Params, _workflow.ParamsType, _workflow.Json);
            var entry = _workflow.Create();
            var request = _instance.Trigger is null ? null : JsonSerializer.Deserialize<HttpTriggerRequest>(_instance.Trigger, JsonSerializerOptions.Web);
            _run = entry.RunAsync(payload, Id, _workflow.Name, DateTimeOffset.FromUnixTimeMilliseconds(_instance.CreatedAt),
                request, new DurableStep(this), _cancel.Token);
        }
        catch (Exception error)
        {
            _run = Task.FromException<object?>(error);
        }

        _ = WatchRunAsync(_run);
    }

    /// <summary>The instance's scheduler ran dry: the workflow code is blocked. Decide what that means.</summary>
    public void OnIdle()
    {
        if (Mode is ExecutionMode.Ended or ExecutionMode.Parked || _busy > 0 || _finishing)
        {
            return;
        }

        if (_fatal is null && Mode == ExecutionMode.Running && _deferred.Count > 0 && _unrequested.Count > 0)
        {
            var logged = _logged.Values.First(s => s.Position == _unrequested.Min);
            _fatal = new NonDeterminismException(logged.Position, Describe(logged), _deferred[0].Description);
        }

        if (_fatal is not null)
        {
            Background(() => FailAsync(_fatal, runRollbacks: false));
        }
        else if (Mode == ExecutionMode.Pausing)
        {
            Background(CompletePauseAsync);
        }
        else if (Mode == ExecutionMode.Terminating)
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
            wait.Done.TrySetResult(new WaitResult(StepStatus.Complete, payload, null, at));
        }
    }

    /// <summary>Stops new steps; the instance is <c>waitingForPause</c> until in-flight steps finish.</summary>
    public async Task RequestPauseAsync()
    {
        if (Mode != ExecutionMode.Running)
        {
            return;
        }

        Mode = ExecutionMode.Pausing;
        _interrupt.Cancel();
        _ = await Tracked(Log.TransitionAsync(Id, [InstanceStatus.Running, InstanceStatus.Waiting], InstanceStatus.WaitingForPause, Now));
        _tenant.NotifyStatus(Id, InstanceStatus.WaitingForPause);
    }

    /// <summary>Resume before the pause took effect: carry on, replaying if a step had to be parked.</summary>
    public async Task CancelPauseAsync()
    {
        if (Mode != ExecutionMode.Pausing)
        {
            return;
        }

        _busy++;
        try
        {
            await Log.TransitionAsync(Id, [InstanceStatus.WaitingForPause], InstanceStatus.Running, Now);
            _tenant.NotifyStatus(Id, InstanceStatus.Running);
            if (_parked)
            {
                End(replay: true);
                return;
            }

            Mode = ExecutionMode.Running;
            ReleaseDeferred();
        }
        finally
        {
            _busy--;
        }
    }

    /// <summary>Terminate with rollback: stop new work, cancel running attempts, undo completed steps when idle.</summary>
    public void BeginTermination()
    {
        Mode = ExecutionMode.Terminating;
        _rollbackOnTerminate = true;
        _cancel.Cancel();
        _interrupt.Cancel();
    }

    /// <summary>A wake reached the parked execution and its actor holds a slot again: the workflow code goes on.</summary>
    public void Unpark()
    {
        if (Mode == ExecutionMode.Parked)
        {
            Mode = ExecutionMode.Running;
        }
    }

    /// <summary>
    /// Forgets a parked execution: it ends without cancelling anything, so no tenant code runs; the workflow code stays
    /// blocked on its waits and is collected. Whoever runs the instance next replays it from the log.
    /// </summary>
    public void Drop()
    {
        Mode = ExecutionMode.Ended;
        _ended.TrySetResult();
    }

    /// <summary>Stops the execution at once: nothing more is written by it.</summary>
    public void Abandon()
    {
        if (Mode == ExecutionMode.Ended)
        {
            return;
        }

        Mode = ExecutionMode.Ended;
        _cancel.Cancel();
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

        if (Mode is ExecutionMode.Ended or ExecutionMode.Terminating)
        {
            return;
        }

        _finishing = true;
        _busy++;
        try
        {
            await FinishRunAsync(run);
        }
        catch (Exception error)
        {
            _tenant.OnExecutionError(Id, error);
            End(replay: false, retryLater: true);
        }
        finally
        {
            _busy--;
        }
    }

    private async Task FinishRunAsync(Task<object?> run)
    {
        if (_fatal is not null)
        {
            await FailAsync(_fatal, runRollbacks: false);
            return;
        }

        if (run.IsCompletedSuccessfully && _unrequested.Count > 0)
        {
            var logged = _logged.Values.First(s => s.Position == _unrequested.Min);
            await FailAsync(new NonDeterminismException(logged.Position, Describe(logged), "the end of the workflow"), runRollbacks: false);
            return;
        }

        if (!run.IsCompletedSuccessfully)
        {
            await FailAsync(run.Exception!.GetBaseException(), runRollbacks: true);
            return;
        }

        var output = JsonSerializer.Serialize(run.Result, _workflow.ResultType, _workflow.Json);
        if (output.Length > _tenant.Limits.MaxPayloadBytes)
        {
            await FailAsync(new PayloadTooLargeException(
                $"The workflow's output is {output.Length} bytes of JSON; the limit is {_tenant.Limits.MaxPayloadBytes}."), runRollbacks: true);
            return;
        }

        if (await Log.FinishAsync(Id, Generation, InstanceStatus.Complete, output, null, null, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Complete);
        }

        End(replay: false);
    }

    private async Task FailAsync(Exception error, bool runRollbacks)
    {
        _finishing = true;
        var (name, message) = ErrorInfo(error);
        if (runRollbacks)
        {
            await RunRollbacksAsync(name, message);
        }

        if (await Log.FinishAsync(Id, Generation, InstanceStatus.Errored, null, name, message, Now))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Errored);
        }

        End(replay: false);
    }

    private async Task CompletePauseAsync()
    {
        var before = await Log.TransitionAsync(Id,
            [InstanceStatus.Running, InstanceStatus.Waiting, InstanceStatus.WaitingForPause], InstanceStatus.Paused, Now);
        if (Mode != ExecutionMode.Pausing)
        {
            return;
        }

        if (before is { } status && !InstanceStatus.IsFinished(status))
        {
            _tenant.NotifyStatus(Id, InstanceStatus.Paused);
        }

        End(replay: false);
    }

    private async Task CompleteTerminationAsync()
    {
        _finishing = true;
        if (_rollbackOnTerminate)
        {
            await RunRollbacksAsync(null, null);
        }

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
        if (Mode != ExecutionMode.Running || changes != _changes)
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
            Mode = ExecutionMode.Parked;
            _resumePending = true;
            return;
        }

        End(replay: false);
    }

    private void End(bool replay, bool retryLater = false)
    {
        if (Mode == ExecutionMode.Ended)
        {
            return;
        }

        Mode = ExecutionMode.Ended;
        _interrupt.Cancel();
        _ended.TrySetResult();
        _actor.OnExecutionEnded(this, replay, retryLater);
    }

    /// <summary>Runs engine work that the idle check must wait for; a failure of the log ends the execution.</summary>
    private void Background(Func<Task> work)
    {
        _ = Run();

        async Task Run()
        {
            _busy++;
            try
            {
                await work();
            }
            catch (Exception error)
            {
                _tenant.OnExecutionError(Id, error);
                End(replay: false, retryLater: true);
            }
            finally
            {
                _busy--;
            }
        }
    }

    private async Task<T> Tracked<T>(Task<T> task)
    {
        _busy++;
        try
        {
            return await task;
        }
        finally
        {
            _busy--;
        }
    }

    /// <summary>True for the first write of an execution that woke a <c>waiting</c> instance: it moves it to running.</summary>
    private bool TakeResume()
    {
        var resume = _resumePending;
        _resumePending = false;
        return resume;
    }

    private static (string Name, string Message) ErrorInfo(Exception error) => error switch
    {
        StepFailedException failed when failed.ErrorName.Length > 0 => (failed.ErrorName, failed.Message),
        _ => (error.GetType().Name, error.Message),
    };

    private static string Describe(StepRow row) => Describe(row.Kind, row.Name, row.Count);

    private static string Describe(StepKind kind, string name, int count) => $"{kind.Name} \"{name}\" #{count}";
}
