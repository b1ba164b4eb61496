using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Hosts the tenants' runtimes on this node: opens each tenant's runtime on first use, recovers them at start, and
/// stops, replaces or removes them for a delete, a restore or a freeze. Instance operations live in
/// <see cref="WorkflowEngine"/>; this class knows nothing of instances beyond recovering them.
/// </summary>
internal sealed partial class TenantRuntimes : IDisposable
{
    private static readonly TimeSpan RestoreWait = TimeSpan.FromSeconds(60);

    private readonly ConcurrentDictionary<string, TenantRuntime> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _restoring = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _removing = new(StringComparer.Ordinal);
    private readonly object _openLock = new();
    private readonly EngineOptions _options;
    private readonly Catalog _catalog;
    private readonly IWorkflowResolver _resolver;
    private readonly TimeProvider _time;
    private readonly IEnumerable<ITenantFolderRepair> _repairs;
    private readonly ILoggerFactory _loggers;

    public TenantRuntimes(EngineOptions options, Catalog catalog, IWorkflowResolver resolver, TimeProvider time,
        IEnumerable<ITenantFolderRepair> repairs, ILoggerFactory loggers)
    {
        _options = options;
        _catalog = catalog;
        _resolver = resolver;
        _time = time;
        _repairs = repairs;
        _loggers = loggers;
        OpenLogs = new OpenTenantLogs(OpenLogBudget.Resolve(options.MaxOpenTenantLogs));
        Executions = new ExecutionCache(options.MaxCachedExecutions, options.MaxCachedExecutionBytes);
        Retention = new RetentionPurger(() => Tenants, time, loggers.CreateLogger<RetentionPurger>());
    }

    /// <summary>Deletes finished instances past their tenant's retention, every few minutes and at start.</summary>
    public RetentionPurger Retention { get; }

    /// <summary>The parked executions of waiting instances, node-wide.</summary>
    public ExecutionCache Executions { get; }

    /// <summary>The tenant logs whose files are open; idle ones past the cap are closed.</summary>
    public OpenTenantLogs OpenLogs { get; }

    /// <summary>True once every tenant's unfinished instances were recovered.</summary>
    public bool IsReady { get; private set; }

    public IEnumerable<TenantRuntime> Tenants => _tenants.Values;

    /// <summary>Opens every tenant's log and resumes all unfinished work; the catalog is open already.</summary>
    public void Start()
    {
        // A restore cut short by a crash is finished or undone before any tenant log opens.
        foreach (var repair in _repairs)
        {
            repair.RepairAll();
        }

        foreach (var tenant in _catalog.ListFrozen())
        {
            _frozen[tenant] = 0;
        }

        var started = _time.GetTimestamp();
        var (tenants, frozen, instances, timers) = (0, 0, 0, 0);
        foreach (var tenant in _catalog.ListTenants())
        {
            tenants++;
            // A frozen tenant stays as it was stopped until it is unfrozen: nothing of it runs, no timer is armed.
            if (Runtime(tenant) is { IsFrozen: false } runtime)
            {
                var recovered = runtime.Recover();
                (instances, timers) = (instances + recovered.Instances, timers + recovered.Timers);
            }
            else
            {
                frozen++;
            }
        }

        EngineLog.NodeRecovered(_loggers.CreateLogger<TenantRuntimes>(), instances, timers, tenants, frozen, _time.GetElapsedTime(started).TotalSeconds);
        IsReady = true;
        Retention.Start();
    }

    /// <summary>Adds a tenant to this node (idempotent).</summary>
    public void AddTenant(string tenant)
    {
        if (!TenantIds.IsValid(tenant))
        {
            throw new InvalidRequestException(TenantIds.Problem(tenant));
        }

        _catalog.AddTenant(tenant, _time.GetUtcNow().ToUnixTimeMilliseconds());
        SyncFrozen(tenant);
        Runtime(tenant);
    }

    /// <summary>Whether the tenant's runtime is open (it may still be stopping for a delete).</summary>
    public bool HasTenant(string tenant) => _tenants.ContainsKey(tenant);

    /// <summary>The tenant's runtime if it is open now, without opening it or waiting for a restore.</summary>
    public TenantRuntime? OpenRuntime(string tenant) => _tenants.GetValueOrDefault(tenant);

    /// <summary>Undoes an <see cref="AddTenant"/> that failed halfway (a full disk): runtime, folder and catalog entry.</summary>
    public void DropNewTenant(string tenant)
    {
        lock (_openLock)
        {
            if (_tenants.TryRemove(tenant, out var runtime))
            {
                runtime.Dispose();
            }
        }

        try
        {
            DurableFiles.DeleteDirectory(TenantIds.Folder(_options.DataDir, tenant));
        }
        finally
        {
            _catalog.RemoveTenant(tenant);
        }
    }

    /// <summary>
    /// Stops every instance of the tenant (cancelling running attempts and ending every request bound to it), unloads
    /// its code, closes its log and deletes its data folder. The catalog entry is the caller's to remove; until it
    /// calls <see cref="TenantRemoved"/>, the tenant cannot be opened again by name.
    /// </summary>
    public async Task RemoveTenantAsync(string tenant)
    {
        lock (_openLock)
        {
            _removing[tenant] = 0;
            if (_tenants.TryRemove(tenant, out var runtime))
            {
                runtime.Stop(TenantStopReason.Deleted);
            }
        }

        _resolver.ForgetTenant(tenant);

        var folder = TenantIds.Folder(_options.DataDir, tenant);
        for (var attempt = 1; Directory.Exists(folder); attempt++)
        {
            try
            {
                DurableFiles.DeleteDirectory(folder);
            }
            catch (IOException) when (attempt < 50)
            {
                // A step body of the stopped tenant may still hold a file for a moment.
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Ends a removal begun by <see cref="RemoveTenantAsync"/> once the catalog no longer lists the tenant.</summary>
    public void TenantRemoved(string tenant)
    {
        SyncFrozen(tenant);
        _removing.TryRemove(tenant, out _);
    }

    /// <summary>The tenant's runtime, or null while it is being removed (background work skips it).</summary>
    public TenantRuntime? TryRuntime(string tenant) => _removing.ContainsKey(tenant) ? null : Runtime(tenant);

    /// <summary>
    /// The tenant's runtime (opened if need be), or null while it is being removed or restored: for work that skips
    /// such a tenant (applying limits, retiring code) and must never wait for its restore.
    /// </summary>
    public TenantRuntime? TryRuntimeNow(string tenant) =>
        _removing.ContainsKey(tenant) || !TryOpen(tenant, out var runtime, out _) ? null : runtime;

    /// <summary>
    /// The tenant's runtime; its log is opened on first use. While the tenant is being restored, waits for the restore
    /// (at most a minute, then 409) without holding a thread: requests use this.
    /// </summary>
    public async ValueTask<TenantRuntime> RuntimeAsync(string tenant)
    {
        while (true)
        {
            if (TryOpen(tenant, out var runtime, out var restore))
            {
                return runtime;
            }

            try
            {
                await restore!.WaitAsync(RestoreWait, _time);
            }
            catch (TimeoutException)
            {
                throw new ConflictException($"Tenant '{tenant}' is being restored; retry shortly.");
            }
        }
    }

    /// <summary>
    /// <see cref="RuntimeAsync"/> for callers off the request path (start-up, background work, tests), which may wait
    /// for a restore on their own thread.
    /// </summary>
    public TenantRuntime Runtime(string tenant)
    {
        var runtime = RuntimeAsync(tenant);
        return runtime.IsCompletedSuccessfully ? runtime.Result : runtime.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>
    /// Stops the tenant for a restore: its actors stop, its log closes and its pooled connections are cleared; until
    /// <see cref="ReopenTenant"/>, callers of <see cref="RuntimeAsync"/> wait instead of opening the files being swapped.
    /// </summary>
    public void QuiesceTenant(string tenant, TenantStopReason reason = TenantStopReason.Replaced)
    {
        lock (_openLock)
        {
            if (!_restoring.TryAdd(tenant, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)))
            {
                throw new ConflictException($"Tenant '{tenant}' is being restored already.");
            }

            if (_tenants.TryRemove(tenant, out var runtime))
            {
                runtime.Stop(reason);
            }
        }

        var path = Path.Combine(TenantIds.Folder(_options.DataDir, tenant), "log.db");
        SqliteDatabase.ClearPool(path);
    }

    /// <summary>
    /// Ends a restore or a freeze: opens the tenant's (new) log, if the tenant exists, and resumes its unfinished work
    /// unless the tenant is frozen.
    /// </summary>
    public void ReopenTenant(string tenant)
    {
        TenantRuntime? runtime = null;
        TaskCompletionSource? gate;
        lock (_openLock)
        {
            SyncFrozen(tenant);
            if (_catalog.ListTenants().Contains(tenant))
            {
                runtime = _tenants.TryGetValue(tenant, out var open) ? open : OpenLocked(tenant);
            }

            _restoring.TryRemove(tenant, out gate);
        }

        // A frozen tenant (restored while frozen, or being frozen) resumes when it is unfrozen.
        if (runtime is { IsFrozen: false })
        {
            runtime.Recover();
        }

        gate?.TrySetResult();
    }

    public void Dispose()
    {
        Retention.Dispose();
        foreach (var runtime in _tenants.Values)
        {
            runtime.Dispose();
        }

        _tenants.Clear();
    }

    /// <summary>The open (or just opened) runtime, or false with the restore to wait for.</summary>
    private bool TryOpen(string tenant, out TenantRuntime runtime, out Task? restore)
    {
        while (true)
        {
            restore = null;
            if (_tenants.TryGetValue(tenant, out runtime!))
            {
                return true;
            }

            if (_removing.ContainsKey(tenant))
            {
                throw new NotFoundException($"Tenant '{tenant}' is being deleted.");
            }

            if (_restoring.TryGetValue(tenant, out var gate))
            {
                restore = gate.Task;
                return false;
            }

            lock (_openLock)
            {
                if (_restoring.ContainsKey(tenant))
                {
                    continue;
                }

                runtime = _tenants.TryGetValue(tenant, out var open) ? open : OpenLocked(tenant);
                return true;
            }
        }
    }

    private TenantRuntime OpenLocked(string tenant)
    {
        if (!TenantIds.IsValid(tenant) || _removing.ContainsKey(tenant) || !_catalog.ListTenants().Contains(tenant))
        {
            throw new NotFoundException($"Tenant '{tenant}' does not exist on this node.");
        }

        var log = TenantLog.Open(tenant, Path.Combine(TenantIds.Folder(_options.DataDir, tenant), "log.db"), OpenLogs,
            _loggers.CreateLogger<TenantLog>());
        var runtime = new TenantRuntime(tenant, log, _options, _resolver, _time, Executions, _loggers.CreateLogger<TenantRuntime>(),
            _loggers.CreateLogger(Logging.TenantLogMirror.Category));
        if (_frozen.ContainsKey(tenant))
        {
            runtime.Freeze();
        }

        _tenants[tenant] = runtime;
        return runtime;
    }
}
