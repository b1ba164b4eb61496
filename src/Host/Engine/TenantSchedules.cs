using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The cron schedules of one tenant runtime: the log holds them (and each schedule's last tick); this keeps each
/// one's next tick in memory and one <see cref="ITimer"/> on the engine's <see cref="TimeProvider"/> armed for the
/// earliest, in chunks of <see cref="Clock.MaxTimerDelay"/>. A tick is taken by one log write that creates its
/// instance and records the tick together, so a crash, restore or move between two ticks neither loses nor doubles
/// one. After downtime a schedule takes only the latest tick it missed. Loading, syncing and ticking are serialized
/// by one gate; a stopped or frozen runtime ticks nothing (unfreezing runs <see cref="TenantRuntime.Recover"/>, which
/// loads the schedules again).
/// </summary>
internal sealed partial class TenantSchedules : IDisposable
{
    /// <summary>The most schedules a tenant may hold (API and attribute schedules together).</summary>
    public const int MaxPerTenant = 1_000;

    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(5);

    private readonly TenantRuntime _runtime;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ITimer _timer;
    private readonly object _timerLock = new();
    private Dictionary<string, ScheduleState> _states = new(StringComparer.Ordinal);
    private int? _syncedVersion;
    private bool _loaded;
    private bool _disposed;

    public TenantSchedules(TenantRuntime runtime)
    {
        _runtime = runtime;
        _timer = runtime.Time.CreateTimer(_ => Fire(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    private IWorkflowLog Log => _runtime.Log;

    private long Now => _runtime.Now;

    /// <summary>Loads the schedules from the log and arms the timer (the runtime opened or was unfrozen).</summary>
    public void Start() => Run(async () =>
    {
        await _gate.WaitAsync(_runtime.Stopping);
        try
        {
            _loaded = false;
            await SyncAndLoadAsync();
        }
        finally
        {
            _gate.Release();
        }

        await TickDueAsync();
    });

    /// <summary>
    /// Makes the attribute schedules those of the active version, if it changed since the last sync, and the memory
    /// what the log holds. Requests call it first, so a listing right after an activation shows the new version's.
    /// </summary>
    public async Task EnsureCurrentAsync()
    {
        if (_loaded && _syncedVersion == _runtime.Resolver.ActiveVersion(_runtime.Tenant))
        {
            return;
        }

        await _gate.WaitAsync(_runtime.Stopping);
        try
        {
            await SyncAndLoadAsync();
        }
        finally
        {
            _gate.Release();
        }

        Arm();
    }

    /// <summary>A version was activated: follow its <c>[Schedule]</c> attributes now, not at the next request.</summary>
    public void ActiveVersionChanged() => Run(EnsureCurrentAsync);

    /// <summary>The next tick of a schedule as this runtime has it armed; null when paused or never again.</summary>
    public long? NextTick(ScheduleRow row) =>
        row.Paused ? null : CronSchedule.TryParse(row.Cron, row.TimeZone, out var cron, out _, out _) ? cron.NextAfter(Math.Max(row.TicksAfter, Now)) : null;

    /// <summary>A schedule was created, changed, paused, resumed or deleted: read it again and re-arm.</summary>
    public async Task ReloadAsync(string id)
    {
        await _gate.WaitAsync(_runtime.Stopping);
        try
        {
            var row = Log.FindSchedule(id);
            var states = new Dictionary<string, ScheduleState>(_states, StringComparer.Ordinal);
            states.Remove(id);
            if (row is not null && ScheduleState.From(row, Now) is { } state)
            {
                states[id] = state;
            }

            _states = states;
        }
        finally
        {
            _gate.Release();
        }

        Arm();
        await TickDueAsync();
    }

    public void Dispose()
    {
        lock (_timerLock)
        {
            _disposed = true;
            _timer.Dispose();
        }
    }

    private async Task SyncAndLoadAsync()
    {
        var active = _runtime.Resolver.ActiveVersion(_runtime.Tenant);
        var stored = Log.AttributeSchedulesVersion();
        if (active is { } version && stored != version)
        {
            _runtime.ThrowIfFrozen();
            var declared = Declared(version);
            var heldByApi = await Log.SyncAttributeSchedulesAsync(version, declared);
            foreach (var id in heldByApi)
            {
                LogHeldByApi(_runtime.Logger, _runtime.Tenant, id, version);
            }

            LogSynced(_runtime.Logger, _runtime.Tenant, version, declared.Count);
        }

        _syncedVersion = active ?? stored;
        var now = Now;
        _states = Log.ListSchedules().Select(row => ScheduleState.From(row, now)).OfType<ScheduleState>()
            .ToDictionary(s => s.Row.Id, StringComparer.Ordinal);
        _loaded = true;
    }

    private List<ScheduleRow> Declared(int version)
    {
        var now = Now;
        var declared = new List<ScheduleRow>();
        foreach (var workflow in _runtime.Resolver.ActiveWorkflows(_runtime.Tenant).Where(w => w.Version == version && w.Schedule is not null))
        {
            if (!ScheduleTicks.IsValidScheduleId(workflow.Name))
            {
                LogBadAttributeId(_runtime.Logger, _runtime.Tenant, workflow.Name, version);
                continue;
            }

            var attribute = workflow.Schedule!;
            var parameters = attribute.Params is null ? null : CompactJson(attribute.Params);
            declared.Add(new ScheduleRow(workflow.Name, workflow.Name, attribute.Cron, attribute.TimeZone, parameters,
                attribute.SkipIfRunning ? ScheduleOverlap.Skip : ScheduleOverlap.Allow, false, ScheduleSource.Attribute, now));
        }

        return declared.Take(MaxPerTenant).ToList();
    }

    // The registration checked the text is JSON when the version loaded.
    private static string CompactJson(string json)
    {
        using var document = System.Text.Json.JsonDocument.Parse(json);
        return System.Text.Json.JsonSerializer.Serialize(document.RootElement);
    }

    /// <summary>Takes every due tick (the latest one each schedule missed), then re-arms for the next.</summary>
    private async Task TickDueAsync()
    {
        if (_runtime.IsStopped || _runtime.IsFrozen)
        {
            return;
        }

        await _gate.WaitAsync(_runtime.Stopping);
        try
        {
            var now = Now;
            var due = _states.Values.Where(s => s.NextDue <= now).ToList();
            if (due.Count > 0)
            {
                var ticked = await Task.WhenAll(due.Select(state => TickAsync(state, now)));
                var states = new Dictionary<string, ScheduleState>(_states, StringComparer.Ordinal);
                foreach (var state in ticked)
                {
                    states[state.Row.Id] = state;
                }

                _states = states;
            }
        }
        finally
        {
            _gate.Release();
        }

        Arm();
    }

    private async Task<ScheduleState> TickAsync(ScheduleState state, long now)
    {
        var row = state.Row;
        var tick = state.Cron.LatestUpTo(row.TicksAfter, now) ?? state.NextDue!.Value;
        try
        {
            _runtime.ThrowIfFrozen();
            var workflow = _runtime.Resolver.ResolveActive(_runtime.Tenant, row.Workflow);
            if (workflow is null)
            {
                LogUnknownWorkflow(_runtime.Logger, _runtime.Tenant, row.Id, row.Workflow);
            }
            else
            {
                var id = ScheduleTicks.InstanceId(row.Id, tick);
                var outcome = await Log.TickScheduleAsync(row.Id, tick,
                    new NewInstance(id, workflow.Name, workflow.Version, row.Params ?? "null", Now, TraceParent: Telemetry.InstanceTracing.NewTraceParent()));
                if (outcome.Instance is not null)
                {
                    _runtime.Post(id, actor => actor.WakeAsync());
                }

                LogTick(_runtime.Logger, _runtime.Tenant, row.Id, DateTimeOffset.FromUnixTimeMilliseconds(tick), outcome.Kind);
            }

            var taken = row with { LastTick = tick };
            return state with { Row = taken, NextDue = state.Cron.NextAfter(Math.Max(tick, now)) };
        }
        catch (Exception error) when (!_runtime.IsStopped && !_runtime.IsFrozen)
        {
            // Nothing was taken: the same tick is tried again (its id makes a second try harmless).
            LogTickFailed(_runtime.Logger, error, _runtime.Tenant, row.Id);
            return state with { NextDue = now + (long)RetryDelay.TotalMilliseconds };
        }
    }

    private void Arm()
    {
        lock (_timerLock)
        {
            if (_disposed || _runtime.IsStopped)
            {
                return;
            }

            var next = _states.Values.Select(s => s.NextDue).Min();
            _timer.Change(next is { } due ? Clock.TimerDelay(due - Now) : Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>The timer's callback: nothing may escape it (an exception on a timer thread ends the process).</summary>
    private void Fire() => Run(TickDueAsync);

    /// <summary>
    /// Runs the schedules' background work, observing its failure (a stopped runtime's is not one). It counts as the
    /// engine's work in hand from the moment it is asked for, so a test that advanced fake time can wait for its ticks.
    /// </summary>
    private void Run(Func<Task> work)
    {
        var inFlight = _runtime.Log.Work;
        inFlight.Enter();
        _ = Task.Run(() => RunAsync(work, inFlight));
    }

    private async Task RunAsync(Func<Task> work, WorkInFlight inFlight)
    {
        try
        {
            await work();
        }
        catch (Exception) when (_runtime.IsStopped || _runtime.IsFrozen)
        {
            // A stopped or frozen tenant ticks nothing; the next runtime, or the unfreeze, loads the schedules again.
        }
        catch (Exception error)
        {
            LogSchedulesFailed(_runtime.Logger, error, _runtime.Tenant);
            lock (_timerLock)
            {
                if (!_disposed)
                {
                    _timer.Change(RetryDelay, Timeout.InfiniteTimeSpan);
                }
            }
        }
        finally
        {
            inFlight.Exit();
        }
    }

    [LoggerMessage(EventId = EventIds.ScheduleTicked, Level = LogLevel.Information,
        Message = "Schedule {ScheduleId} of tenant {Tenant} ticked at {Tick:o}: {Outcome}")]
    private static partial void LogTick(ILogger logger, string tenant, string scheduleId, DateTimeOffset tick, ScheduleTickKind outcome);

    [LoggerMessage(EventId = EventIds.ScheduleUnknownWorkflow, Level = LogLevel.Warning,
        Message = "Schedule {ScheduleId} of tenant {Tenant} names workflow \"{Workflow}\", which the active version does not have; the tick is skipped")]
    private static partial void LogUnknownWorkflow(ILogger logger, string tenant, string scheduleId, string workflow);

    [LoggerMessage(EventId = EventIds.ScheduleTickFailed, Level = LogLevel.Error,
        Message = "Schedule {ScheduleId} of tenant {Tenant} could not take its tick; it is tried again in 5 seconds")]
    private static partial void LogTickFailed(ILogger logger, Exception error, string tenant, string scheduleId);

    [LoggerMessage(EventId = EventIds.SchedulesFailed, Level = LogLevel.Error,
        Message = "The schedules of tenant {Tenant} failed to load or tick; they are tried again in 5 seconds")]
    private static partial void LogSchedulesFailed(ILogger logger, Exception error, string tenant);

    [LoggerMessage(EventId = EventIds.AttributeSchedulesSynced, Level = LogLevel.Information,
        Message = "Tenant {Tenant}: attribute schedules follow version {Version} ({Count} declared)")]
    private static partial void LogSynced(ILogger logger, string tenant, int version, int count);

    [LoggerMessage(EventId = EventIds.AttributeScheduleHeldByApi, Level = LogLevel.Warning,
        Message = "Tenant {Tenant}: the [Schedule] of workflow {ScheduleId} in version {Version} is not registered: an API schedule holds that id")]
    private static partial void LogHeldByApi(ILogger logger, string tenant, string scheduleId, int version);

    [LoggerMessage(EventId = EventIds.AttributeScheduleBadId, Level = LogLevel.Warning,
        Message = "Tenant {Tenant}: the [Schedule] of workflow {Workflow} in version {Version} is not registered: its name cannot make tick instance ids")]
    private static partial void LogBadAttributeId(ILogger logger, string tenant, string workflow, int version);
}
