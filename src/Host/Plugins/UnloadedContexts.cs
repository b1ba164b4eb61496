using Microsoft.Extensions.Logging;

namespace Skein.Host.Plugins;

/// <summary>
/// Watches the load contexts of unloaded versions until they are collected. A context still alive after
/// <see cref="CollectionsBeforeReport"/> full collections is held by something: most often tenant code that is
/// still running (a detached task, a loop the upload scan cannot see), sometimes a cache holding one of its types.
/// Each one is logged with its tenant and version and counted in <see cref="NotCollected"/> (/metrics) until it
/// is collected after all. In-process mode cannot stop such code; this makes it visible.
/// </summary>
internal sealed partial class UnloadedContexts(ILogger<UnloadedContexts> logger)
{
    /// <summary>An unload normally needs two full collections (finalizer, then free); five leaves room for a busy heap.</summary>
    public const int CollectionsBeforeReport = 5;

    private readonly object _lock = new();
    private readonly List<Entry> _watched = [];

    /// <summary>Unloaded contexts found still alive after the bounded number of collections, and alive now.</summary>
    public int NotCollected
    {
        get
        {
            lock (_lock)
            {
                return _watched.Count(e => e.Reported);
            }
        }
    }

    /// <summary>Unloaded contexts not collected yet, reported or not.</summary>
    public int Watched
    {
        get
        {
            lock (_lock)
            {
                return _watched.Count;
            }
        }
    }

    public void Track(string tenant, int version, WeakReference context)
    {
        lock (_lock)
        {
            _watched.Add(new Entry(tenant, version, context, GC.CollectionCount(2)));
        }
    }

    /// <summary>
    /// Runs one full collection when a context is being watched (never otherwise), then reports every context that
    /// has outlived <see cref="CollectionsBeforeReport"/> full collections since its unload and forgets the collected.
    /// </summary>
    public void Check()
    {
        lock (_lock)
        {
            if (_watched.Count == 0)
            {
                return;
            }
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var gen2 = GC.CollectionCount(2);
        lock (_lock)
        {
            foreach (var entry in _watched.ToList())
            {
                if (!entry.Context.IsAlive)
                {
                    _watched.Remove(entry);
                    if (entry.Reported)
                    {
                        LogCollectedLate(logger, entry.Tenant, entry.Version, gen2 - entry.CollectionsAtUnload);
                    }
                }
                else if (!entry.Reported && gen2 - entry.CollectionsAtUnload >= CollectionsBeforeReport)
                {
                    entry.Reported = true;
                    LogNotCollected(logger, entry.Tenant, entry.Version, gen2 - entry.CollectionsAtUnload);
                }
            }
        }
    }

    [LoggerMessage(EventId = EventIds.ContextNotCollected, Level = LogLevel.Warning,
        Message = "Version {Version} of tenant {Tenant} was unloaded but its code is still loaded after {Collections} full garbage collections: "
            + "tenant code is still running (a detached task or loop) or something holds one of its types; in-process mode cannot stop it")]
    private static partial void LogNotCollected(ILogger logger, string tenant, int version, int collections);

    [LoggerMessage(EventId = EventIds.ContextCollectedLate, Level = LogLevel.Information,
        Message = "Version {Version} of tenant {Tenant}, reported as not collected, was collected after {Collections} full garbage collections")]
    private static partial void LogCollectedLate(ILogger logger, string tenant, int version, int collections);

    private sealed class Entry(string tenant, int version, WeakReference context, int collectionsAtUnload)
    {
        public string Tenant { get; } = tenant;

        public int Version { get; } = version;

        public WeakReference Context { get; } = context;

        public int CollectionsAtUnload { get; } = collectionsAtUnload;

        public bool Reported { get; set; }
    }
}
