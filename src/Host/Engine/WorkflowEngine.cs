using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The durable workflow engine of a node: creates and controls instances of every tenant and recovers them at
/// start. It knows nothing of HTTP; the API and the tests drive it through these methods.
/// </summary>
internal sealed partial class WorkflowEngine : IDisposable
{
    private readonly ConcurrentDictionary<string, TenantRuntime> _tenants = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ManualResetEventSlim> _restoring = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _removing = new(StringComparer.Ordinal);
    private readonly object _openLock = new();
    private readonly ILoggerFactory _loggers;
    private Catalog? _catalog;

    public WorkflowEngine(EngineOptions options, IWorkflowResolver resolver, TimeProvider time, ILoggerFactory loggers)
    {
        Options = options;
        Resolver = resolver;
        Time = time;
        _loggers = loggers;
        OpenLogs = new OpenTenantLogs(OpenLogBudget.Resolve(options.MaxOpenTenantLogs));
        Executions = new ExecutionCache(options.MaxCachedExecutions, options.MaxCachedExecutionBytes);
    }

    /// <summary>The parked executions of waiting instances, node-wide.</summary>
    public ExecutionCache Executions { get; }

    /// <summary>The tenant logs whose files are open; idle ones past the cap are closed.</summary>
    public OpenTenantLogs OpenLogs { get; }

    public EngineOptions Options { get; }

    public IWorkflowResolver Resolver { get; }

    public TimeProvider Time { get; }

    /// <summary>True once every tenant's unfinished instances were recovered.</summary>
    public bool IsReady { get; private set; }

    public IEnumerable<TenantRuntime> Tenants => _tenants.Values;

    /// <summary>The node catalog, open once the engine has started.</summary>
    public Catalog Catalog => _catalog ?? throw new InvalidOperationException("The engine has not been started.");

    /// <summary>Opens the catalog and every tenant's log, and resumes all unfinished work.</summary>
    public void Start()
    {
        _catalog = Catalog.Open(Options.DataDir);
        // A restore cut short by a crash is finished or undone before any tenant log opens.
        Backup.RestoreJournal.RecoverAll(Options.DataDir, _catalog);
        foreach (var tenant in Catalog.ListFrozen())
        {
            _frozen[tenant] = 0;
        }

        foreach (var tenant in Catalog.ListTenants())
        {
            // A frozen tenant stays as it was stopped until it is unfrozen: nothing of it runs, no timer is armed.
            if (Runtime(tenant) is { IsFrozen: false } runtime)
            {
                runtime.Recover();
            }
        }

        IsReady = true;
    }

    /// <summary>Adds a tenant to this node (idempotent).</summary>
    public void AddTenant(string tenant)
    {
        if (!TenantIds.IsValid(tenant))
        {
            throw new InvalidRequestException($"'{tenant}' is not a valid tenant id: use 1–63 characters of a-z, 0-9 and '-', starting with a letter or digit.");
        }

        Catalog.AddTenant(tenant, Time.GetUtcNow().ToUnixTimeMilliseconds());
        SyncFrozen(tenant);
        Runtime(tenant);
    }

    public bool HasTenant(string tenant) => _tenants.ContainsKey(tenant);

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
            DurableFiles.DeleteDirectory(TenantIds.Folder(Options.DataDir, tenant));
        }
        finally
        {
            Catalog.RemoveTenant(tenant);
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

        Resolver.ForgetTenant(tenant);

        var folder = TenantIds.Folder(Options.DataDir, tenant);
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

    /// <summary>The tenant's runtime; its log is opened on first use. While the tenant is being restored, waits.</summary>
    public TenantRuntime Runtime(string tenant)
    {
        while (true)
        {
            if (_tenants.TryGetValue(tenant, out var runtime))
            {
                return runtime;
            }

            if (_removing.ContainsKey(tenant))
            {
                throw new NotFoundException($"Tenant '{tenant}' is being deleted.");
            }

            if (_restoring.TryGetValue(tenant, out var gate))
            {
                if (!gate.Wait(RestoreWait))
                {
                    throw new ConflictException($"Tenant '{tenant}' is being restored; retry shortly.");
                }

                continue;
            }

            lock (_openLock)
            {
                if (_restoring.ContainsKey(tenant))
                {
                    continue;
                }

                return _tenants.TryGetValue(tenant, out runtime) ? runtime : OpenLocked(tenant);
            }
        }
    }

    /// <summary>
    /// Stops the tenant for a restore: its actors stop, its log closes and its pooled connections are cleared; until
    /// <see cref="ReopenTenant"/>, callers of <see cref="Runtime"/> wait instead of opening the files being swapped.
    /// </summary>
    public void QuiesceTenant(string tenant, TenantStopReason reason = TenantStopReason.Replaced)
    {
        lock (_openLock)
        {
            if (!_restoring.TryAdd(tenant, new ManualResetEventSlim(false)))
            {
                throw new ConflictException($"Tenant '{tenant}' is being restored already.");
            }

            if (_tenants.TryRemove(tenant, out var runtime))
            {
                runtime.Stop(reason);
            }
        }

        var path = Path.Combine(TenantIds.Folder(Options.DataDir, tenant), "log.db");
        SqliteDatabase.ClearPool(path);
    }

    /// <summary>
    /// Ends a restore or a freeze: opens the tenant's (new) log, if the tenant exists, and resumes its unfinished work
    /// unless the tenant is frozen.
    /// </summary>
    public void ReopenTenant(string tenant)
    {
        TenantRuntime? runtime = null;
        ManualResetEventSlim? gate;
        lock (_openLock)
        {
            SyncFrozen(tenant);
            if (Catalog.ListTenants().Contains(tenant))
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

        gate?.Set();
    }

    private static readonly TimeSpan RestoreWait = TimeSpan.FromSeconds(60);

    private TenantRuntime OpenLocked(string tenant)
    {
        if (!TenantIds.IsValid(tenant) || _removing.ContainsKey(tenant) || !Catalog.ListTenants().Contains(tenant))
        {
            throw new NotFoundException($"Tenant '{tenant}' does not exist on this node.");
        }

        var log = TenantLog.Open(tenant, Path.Combine(TenantIds.Folder(Options.DataDir, tenant), "log.db"), OpenLogs);
        var runtime = new TenantRuntime(tenant, log, Options, Resolver, Time, Executions, _loggers.CreateLogger<TenantRuntime>());
        if (_frozen.ContainsKey(tenant))
        {
            runtime.Freeze();
        }

        _tenants[tenant] = runtime;
        return runtime;
    }

    public void Dispose()
    {
        foreach (var runtime in _tenants.Values)
        {
            runtime.Dispose();
        }

        _tenants.Clear();
    }

    /// <summary>Checks that <paramref name="json"/> is within the payload limit and deserializes as <paramref name="type"/>.</summary>
    private static string ValidatePayload(TenantRuntime runtime, string? json, Type type, JsonSerializerOptions options, string what)
    {
        json = string.IsNullOrWhiteSpace(json) ? "null" : json;
        var limit = runtime.Limits.MaxPayloadBytes;
        if (System.Text.Encoding.UTF8.GetByteCount(json) > limit)
        {
            throw new PayloadTooLargeException($"The {what} are larger than the tenant's limit of {limit} bytes.");
        }

        try
        {
            JsonSerializer.Deserialize(json, type, options);
        }
        catch (JsonException error)
        {
            throw new InvalidRequestException($"The {what} are not valid for {type.Name}: {error.Message}");
        }

        return json;
    }
}
