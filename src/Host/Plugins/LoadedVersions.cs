using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Plugins;

/// <summary>
/// The deployment versions loaded on this node, one collectible context each, created on first use. Past the cap,
/// the least recently used version is unloaded; it is loaded again when an instance needs it.
/// </summary>
internal sealed class LoadedVersions : IDisposable
{
    private readonly EngineOptions _options;
    private readonly Func<string, int, DeploymentRecord?> _findDeployment;
    private readonly Dictionary<(string Tenant, int Version), LoadedVersion> _loaded = [];
    private readonly object _lock = new();
    private readonly UnloadedContexts? _unloaded;
    private readonly ILogger _logger;

    /// <summary>Versions loaded from the deployments the node catalog records.</summary>
    public LoadedVersions(EngineOptions options, Catalog catalog, UnloadedContexts unloaded, ILogger<LoadedVersions>? logger = null)
        : this(options, catalog.FindDeployment, unloaded, logger)
    {
    }

    public LoadedVersions(EngineOptions options, Func<string, int, DeploymentRecord?> findDeployment, UnloadedContexts? unloaded = null,
        ILogger? logger = null)
    {
        _logger = logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;
        _options = options;
        _findDeployment = findDeployment;
        _unloaded = unloaded;
    }

    /// <summary>Unloaded versions whose code is still loaded after the bounded number of collections (see <see cref="UnloadedContexts"/>).</summary>
    public int NotCollected => _unloaded?.NotCollected ?? 0;

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _loaded.Count;
            }
        }
    }

    /// <summary>The loaded version, loading it now if needed; null when the tenant has no such version.</summary>
    public LoadedVersion? Get(string tenant, int version)
    {
        lock (_lock)
        {
            if (_loaded.TryGetValue((tenant, version), out var loaded))
            {
                return loaded;
            }

            if (_findDeployment(tenant, version) is not { } deployment)
            {
                return null;
            }

            loaded = LoadedVersion.Load(DeploymentStore.VersionFolder(_options.DataDir, tenant, version), deployment);
            _loaded[(tenant, version)] = loaded;
            DeploymentLog.Loaded(_logger, tenant, version, _loaded.Count);
            EvictOverCap();
            return loaded;
        }
    }

    /// <summary>
    /// The workflow of a version, looked up under the lock: a version being unloaded concurrently is either still
    /// found here or loaded afresh, never seen half-disposed.
    /// </summary>
    public WorkflowRegistration? Resolve(string tenant, int version, string workflow)
    {
        lock (_lock)
        {
            return Get(tenant, version)?.Find(workflow);
        }
    }

    /// <summary>Every workflow of a version, read under the lock (see <see cref="Resolve"/>).</summary>
    public IReadOnlyList<WorkflowRegistration> WorkflowsOf(string tenant, int version)
    {
        lock (_lock)
        {
            return Get(tenant, version) is { } loaded ? [.. loaded.Workflows] : [];
        }
    }

    public IReadOnlyList<int> LoadedVersionsOf(string tenant)
    {
        lock (_lock)
        {
            return [.. _loaded.Keys.Where(k => k.Tenant == tenant).Select(k => k.Version)];
        }
    }

    /// <summary>Unloads a version; returns its load context, weakly, so a caller can see it collected.</summary>
    public WeakReference? Unload(string tenant, int version)
    {
        LoadedVersion? loaded;
        lock (_lock)
        {
            if (!_loaded.Remove((tenant, version), out loaded))
            {
                return null;
            }
        }

        loaded.Dispose();
        DeploymentLog.Unloaded(_logger, tenant, version, "retired, or its tenant stopped");
        _unloaded?.Track(tenant, version, loaded.Context);
        Telemetry.SkeinInstruments.VersionsUnloaded.Add(1, new KeyValuePair<string, object?>(Telemetry.SkeinAttributes.MetricTenant, tenant));
        return loaded.Context;
    }

    public void UnloadTenant(string tenant)
    {
        foreach (var version in LoadedVersionsOf(tenant))
        {
            Unload(tenant, version);
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            foreach (var loaded in _loaded.Values)
            {
                loaded.Dispose();
            }

            _loaded.Clear();
        }
    }

    private void EvictOverCap()
    {
        while (_loaded.Count > _options.MaxLoadedVersions)
        {
            var oldest = _loaded.MinBy(p => p.Value.LastUsed);
            _loaded.Remove(oldest.Key);
            oldest.Value.Dispose();
            DeploymentLog.Unloaded(_logger, oldest.Key.Tenant, oldest.Key.Version, "least recently used, over Skein:MaxLoadedVersions");
            _unloaded?.Track(oldest.Key.Tenant, oldest.Key.Version, oldest.Value.Context);
        }
    }
}
