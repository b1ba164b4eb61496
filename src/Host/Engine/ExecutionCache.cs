namespace Skein.Host.Engine;

/// <summary>
/// The node's parked executions (<see cref="ExecutionState.Parked"/>): workflow code of waiting instances kept in
/// memory so a wake continues it instead of replaying the instance's history from the log — without it an agent
/// loop that sleeps between batches re-reads and re-runs all of its steps on every wake, quadratic over its life.
/// Bounded by <see cref="EngineOptions.MaxCachedExecutions"/> and <see cref="EngineOptions.MaxCachedExecutionBytes"/>;
/// past either the least recently parked are evicted (their actors drop them on their own schedulers).
/// </summary>
internal sealed class ExecutionCache
{
    private readonly object _lock = new();
    private readonly LinkedList<(InstanceActor Actor, long Bytes)> _order = new();
    private readonly Dictionary<InstanceActor, LinkedListNode<(InstanceActor Actor, long Bytes)>> _entries = [];
    private readonly int _maxCount;
    private readonly long _maxBytes;
    private long _bytes;
    private long _evictions;

    public ExecutionCache(int maxCount, long maxBytes)
    {
        _maxCount = maxCount;
        _maxBytes = maxBytes;
    }

    /// <summary>Parked executions held now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Their estimated size, bytes.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>Parked executions dropped to stay within the bounds, since the node started.</summary>
    public long Evictions => Interlocked.Read(ref _evictions);

    /// <summary>
    /// Holds <paramref name="actor"/>'s parked execution of about <paramref name="bytes"/>, evicting the least recently
    /// parked ones over the bounds. False when the cache is off or the execution alone is larger than the bound.
    /// </summary>
    public bool Admit(InstanceActor actor, long bytes)
    {
        if (_maxCount == 0 || bytes > _maxBytes)
        {
            return false;
        }

        var evicted = new List<InstanceActor>();
        lock (_lock)
        {
            RemoveLocked(actor);
            _entries[actor] = _order.AddLast((actor, bytes));
            _bytes += bytes;
            while (_entries.Count > _maxCount || _bytes > _maxBytes)
            {
                var oldest = _order.First!.Value.Actor;
                RemoveLocked(oldest);
                evicted.Add(oldest);
            }
        }

        Interlocked.Add(ref _evictions, evicted.Count);
        foreach (var other in evicted)
        {
            other.EvictParked();
        }

        return true;
    }

    /// <summary>Forgets <paramref name="actor"/>'s entry: its execution woke, was evicted or stopped.</summary>
    public void Remove(InstanceActor actor)
    {
        lock (_lock)
        {
            RemoveLocked(actor);
        }
    }

    private void RemoveLocked(InstanceActor actor)
    {
        if (_entries.Remove(actor, out var node))
        {
            _order.Remove(node);
            _bytes -= node.Value.Bytes;
        }
    }
}
