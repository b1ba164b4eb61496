using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Everything the engine keeps for one tenant: its log, the actors of its active instances, its timers and its
/// concurrency slots. A runtime is one incarnation of a tenant: a delete, restore or move stops it for good, and a
/// tenant created or restored under the same id gets a new runtime. Requests and background work hold the runtime
/// they started on (never the tenant's name), and <see cref="Stopping"/> ends them when it stops.
/// </summary>
internal sealed partial class TenantRuntime : IDisposable
{
    private readonly object _lock = new();
    private readonly Dictionary<string, InstanceActor> _actors = new(StringComparer.Ordinal);
    private readonly TimerQueue _timers;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _stopReason;
    private volatile bool _frozen;
    private bool _disposed;
    private long _stepsCompleted;
    private long _instancesPurged;

    public TenantRuntime(string tenant, IWorkflowLog log, EngineOptions options, IWorkflowResolver resolver,
        TimeProvider time, ExecutionCache executions, ILogger logger, ILogger? workflowLines = null)
    {
        LogMirror = new Logging.TenantLogMirror(tenant, workflowLines ?? logger, time, options.MaxTenantLogLinesPerSecond);
        Executions = executions;
        Tenant = tenant;
        TenantTag = new(Telemetry.SkeinAttributes.MetricTenant, tenant);
        Log = log;
        Options = options;
        Resolver = resolver;
        Time = time;
        _logger = logger;
        Limits = new TenantLimits().Resolve(options);
        Slots = new ConcurrencySlots(Limits.MaxConcurrentInstances);
        _timers = new TimerQueue(time, id => Post(id, actor => actor.WakeAsync()), logger, tenant);
        Egress = new Egress.TenantEgress(tenant, options.Egress, logger);
        Journal = AttemptJournal.Open(Path.Combine(TenantIds.Folder(options.DataDir, tenant), "attempts.journal"));
        Stopping = _stopping.Token;
        Schedules = new TenantSchedules(this);
        log.FamilyChanged = OnFamilyChanged;
    }

    /// <summary>The tenant's cron schedules, ticking on this runtime's clock.</summary>
    public TenantSchedules Schedules { get; }

    /// <summary>Where the lines the tenant's workflow code logs reach the host's own log.</summary>
    public Logging.TenantLogMirror LogMirror { get; }

    /// <summary>Where step attempts are noted as they start, to find those a crash cuts off.</summary>
    public AttemptJournal Journal { get; }

    public string Tenant { get; }

    /// <summary>Where this tenant's waiting instances park their executions (shared by the node's tenants).</summary>
    public ExecutionCache Executions { get; }

    public IWorkflowLog Log { get; }

    public EngineOptions Options { get; }

    public IWorkflowResolver Resolver { get; }

    /// <summary>The tenant's logger, for the engine work of its instances.</summary>
    public ILogger Logger => _logger;

    public TimeProvider Time { get; }

    public ConcurrencySlots Slots { get; }

    /// <summary>The limits in force; replaced whole when the operator changes them.</summary>
    public EffectiveLimits Limits { get; private set; }

    public StatusWatchers Watchers { get; } = new();

    /// <summary>The tenant's outbound HTTP under its egress policy.</summary>
    public Egress.TenantEgress Egress { get; }

    /// <summary>Cancelled when this runtime stops (tenant deleted, restored, moved, node shutting down).</summary>
    public CancellationToken Stopping { get; }

    public bool IsStopped => Stopping.IsCancellationRequested;

    /// <summary>
    /// True while the tenant is frozen: this runtime serves reads (a backup) but starts nothing and writes nothing;
    /// <see cref="Recover"/> runs when it is unfrozen.
    /// </summary>
    public bool IsFrozen => _frozen;

    public TenantStopReason StopReason => (TenantStopReason)Volatile.Read(ref _stopReason);

    public long Now => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Steps committed as complete since the node started (a counter for metrics).</summary>
    public long StepsCompleted => Interlocked.Read(ref _stepsCompleted);

    /// <summary>Finished instances deleted by the retention purge since this runtime opened (a counter for metrics).</summary>
    public long InstancesPurged => Interlocked.Read(ref _instancesPurged);

    public int ActiveActors
    {
        get
        {
            lock (_lock)
            {
                return _actors.Count;
            }
        }
    }

    /// <summary>
    /// A test seam: true when this tenant's engine has no work in hand and exactly <paramref name="stepBodiesRunning"/>
    /// step bodies are running (see <see cref="WorkInFlight"/>). Fake time does not move on its own, so once idle the
    /// engine stays idle until the test acts.
    /// </summary>
    internal bool IsIdle(int stepBodiesRunning = 0) => Log.Work.IsIdle(stepBodiesRunning);

    /// <summary>Hands a message to the instance's actor, creating the actor if the instance has none in memory.</summary>
    public Task<T> Post<T>(string id, Func<InstanceActor, Task<T>> message)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                throw Stopped();
            }

            ThrowIfFrozen();
            if (!_actors.TryGetValue(id, out var actor))
            {
                _actors[id] = actor = new InstanceActor(this, id);
            }

            return actor.Scheduler.Run(() => message(actor));
        }
    }

    /// <summary>
    /// Hands a message to a new actor for <paramref name="id"/>; null, posting nothing, when the instance has an actor in
    /// memory already (the message would queue behind whatever that actor is doing).
    /// </summary>
    public Task<T>? PostToNew<T>(string id, Func<InstanceActor, Task<T>> message)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                throw Stopped();
            }

            ThrowIfFrozen();
            if (_actors.ContainsKey(id))
            {
                return null;
            }

            var actor = _actors[id] = new InstanceActor(this, id);
            return actor.Scheduler.Run(() => message(actor));
        }
    }

    /// <summary>Fire-and-forget form for timers and wake-ups: failures are logged, a disposed tenant ignores it.</summary>
    public void Post(string id, Func<InstanceActor, Task> message)
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            // Observe never faults: it logs what the message threw.
            _ = Observe(Post(id, async actor =>
            {
                await message(actor);
                return true;
            }), id);
        }
        catch (EngineException) when (IsStopped || IsFrozen)
        {
            // Stopped or frozen: the instance is recovered from the log when the tenant opens or is unfrozen.
        }
    }

    /// <summary>Drops an idle actor, unless a message reached it meanwhile.</summary>
    public void TryRetire(InstanceActor actor)
    {
        lock (_lock)
        {
            if (actor.Scheduler.IsEmpty && _actors.TryGetValue(actor.Id, out var current) && ReferenceEquals(current, actor))
            {
                _actors.Remove(actor.Id);
            }
        }
    }

    public void SetLimits(TenantLimits limits)
    {
        Limits = limits.Resolve(Options);
        Slots.SetLimit(Limits.MaxConcurrentInstances);
        Egress.SetAllowList(limits.EgressAllow);
    }

    public void CountStep() => Interlocked.Increment(ref _stepsCompleted);

    public void CountPurged(long instances)
    {
        Interlocked.Add(ref _instancesPurged, instances);
        Telemetry.SkeinInstruments.InstancesPurged.Add(instances, TenantTag);
    }

    /// <summary>The tenant as the label of its metrics, made once: recording with it allocates nothing.</summary>
    public KeyValuePair<string, object?> TenantTag { get; }

    public void ScheduleTimer(string id, long dueAtMs) => _timers.Schedule(id, dueAtMs);

    public void NotifyStatus(string id, InstanceStatus? status) => Watchers.Notify(id, status);

    /// <summary>
    /// Starts every instance that was running, queued or pausing or had attempts cut off (charged first), and re-arms
    /// every durable timer.
    /// </summary>
    public RecoveryCounts Recover()
    {
        var cutOff = RecoverCutOffAttempts();
        var runnable = Log.ListRunnable().Select(r => r.Id).ToList();
        // Woken too: the attempt journal's instances, whose cut-off attempts are charged first. Only the runnable ones
        // count as resumed: an attempt really cut off left its instance running, and the journal also keeps the last
        // attempt of an instance that went on to wait or finish (it is cut when the next attempt starts).
        var instances = runnable.Count;
        foreach (var id in cutOff.Concat(runnable.Where(id => !cutOff.Contains(id))))
        {
            Post(id, actor => actor.WakeAsync());
        }

        var timers = 0;
        foreach (var (id, wakeAt) in Log.ListTimers())
        {
            ScheduleTimer(id, wakeAt);
            timers++;
        }

        Schedules.Start();
        EngineLog.TenantRecovered(_logger, Tenant, instances, timers);
        return new RecoveryCounts(instances, timers);
    }

    public void OnExecutionError(string id, Exception error) => LogExecutionError(_logger, error, Tenant, id);

    /// <summary>An instance ended errored (committed): one line for every way that happens.</summary>
    public void OnInstanceErrored(string id, string? errorType, string? errorMessage) => EngineLog.InstanceErrored(_logger, Tenant, id, errorType, errorMessage);

    /// <summary>
    /// The error a request bound to this stopped runtime answers with: 404 for a deleted tenant, 503 otherwise.
    /// </summary>
    public EngineException Stopped() => StopReason switch
    {
        TenantStopReason.Deleted => new NotFoundException($"Tenant '{Tenant}' was deleted while this request ran."),
        TenantStopReason.Frozen => TenantFrozenException.For(Tenant),
        _ => new TenantUnavailableException($"Tenant '{Tenant}' was stopped for a restore, a move or a shutdown while this request ran; retry it."),
    };

    public void ThrowIfStopped()
    {
        if (IsStopped)
        {
            throw Stopped();
        }
    }

    /// <summary>Refuses a write or a start on a frozen tenant (503); reads go on.</summary>
    public void ThrowIfFrozen()
    {
        if (_frozen)
        {
            throw TenantFrozenException.For(Tenant);
        }
    }

    /// <summary>Marks this runtime frozen; called before anything can reach it.</summary>
    public void Freeze() => _frozen = true;

    /// <summary>Lets this runtime work again; the caller then runs <see cref="Recover"/>.</summary>
    public void Unfreeze() => _frozen = false;

    /// <summary>
    /// Reads this runtime's log. The log is found by path, and a tenant created again under the same id has the
    /// same path: a read that overlapped a stop may have read the next tenant's file, so it is discarded.
    /// </summary>
    public T Read<T>(Func<IWorkflowLog, T> read)
    {
        ThrowIfStopped();
        var result = read(Log);
        ThrowIfStopped();
        return result;
    }

    /// <summary>The workflow code of a version of this tenant; refused once the runtime stopped.</summary>
    public WorkflowRegistration? Resolve(int version, string workflow)
    {
        ThrowIfStopped();
        return Resolver.Resolve(Tenant, version, workflow);
    }

    /// <summary>Stops this runtime for good: bound requests end, actors stop, the log closes.</summary>
    public void Stop(TenantStopReason reason)
    {
        Interlocked.CompareExchange(ref _stopReason, (int)reason, (int)TenantStopReason.None);
        Dispose();
    }

    public void Dispose()
    {
        Interlocked.CompareExchange(ref _stopReason, (int)TenantStopReason.Shutdown, (int)TenantStopReason.None);
        _stopping.Cancel();
        List<InstanceActor> actors;
        lock (_lock)
        {
            _disposed = true;
            actors = [.. _actors.Values];
            _actors.Clear();
        }

        foreach (var actor in actors)
        {
            // Out of the node's cache now, so no eviction reaches a stopped actor; the stop drops the execution.
            Executions.Remove(actor);
            actor.Stop();
        }

        _timers.Dispose();
        Schedules.Dispose();
        Egress.Dispose();
        Journal.Dispose();
        Log.Dispose();
    }

    private async Task Observe(Task task, string id)
    {
        try
        {
            await task;
        }
        catch (Exception error) when (IsStopped)
        {
            // The tenant stopped under the instance (an orderly delete, restore or shutdown): its unfinished work
            // stays in the log for the next incarnation, or goes with the deleted tenant; nothing failed.
            LogStoppedWithTenant(_logger, Tenant, id, StopReason, error.GetType().Name);
        }
        catch (Exception error)
        {
            OnExecutionError(id, error);
        }
    }

    [LoggerMessage(EventId = EventIds.InstanceExecutionFailed, Level = LogLevel.Error,
        Message = "Instance {InstanceId} of tenant {Tenant} failed in the engine; it will be retried")]
    private static partial void LogExecutionError(ILogger logger, Exception error, string tenant, string instanceId);

    [LoggerMessage(EventId = EventIds.InstanceStoppedWithTenant, Level = LogLevel.Debug,
        Message = "Instance {InstanceId} of tenant {Tenant} stopped with its tenant ({Reason}): {ErrorType}")]
    private static partial void LogStoppedWithTenant(ILogger logger, string tenant, string instanceId, TenantStopReason reason, string errorType);
}
