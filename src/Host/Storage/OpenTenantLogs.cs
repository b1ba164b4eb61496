namespace Skein.Host.Storage;

/// <summary>
/// Bounds how many tenant logs keep their files open. Each open log holds a writer connection and pooled read
/// connections, about three file descriptors each (database, <c>-wal</c>, <c>-shm</c>); past
/// <see cref="Capacity"/> the least recently used idle logs are closed — writer thread stopped, pooled connections
/// cleared — and reopened by their next read or write. So descriptors grow with active tenants, not registered ones.
/// A log with a read running or a write queued or committing is never closed.
/// <para>
/// <see cref="Enter"/> and <see cref="Forget"/> block (<c>Monitor.Wait</c>) while <em>that same</em> log's files are
/// being closed, and can run on a request thread. They stay blocking on purpose: <see cref="Enter"/> is called by the
/// log's synchronous reads, which hold their thread for their own SQLite I/O anyway, so an awaitable entry would need
/// asynchronous reads across <see cref="IWorkflowLog"/>. The wait is bounded by one close of an idle log and never
/// by another tenant's work: a log is chosen for closing only with no reads running and no writes queued or
/// committing, so its writer thread has nothing to finish and exits at once, and its pooled connections close, the
/// last one checkpointing the WAL into the database (at most what accumulated since the last automatic checkpoint,
/// SQLite's 1,000 pages by default, and one fsync). Nothing waits under the lock meanwhile: other logs enter and
/// leave freely.
/// </para>
/// </summary>
internal sealed class OpenTenantLogs(int capacity)
{
    private readonly object _lock = new();
    private readonly LinkedList<TenantLog> _recent = new();

    public int Capacity { get; } = capacity;

    /// <summary>Logs whose files are open now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _recent.Count;
            }
        }
    }

    /// <summary>Marks <paramref name="log"/> used (reopened if it was closed) and closes idle logs past the capacity.</summary>
    public void Enter(TenantLog log)
    {
        List<TenantLog>? victims = null;
        lock (_lock)
        {
            var slot = log.Slot;
            // Bounded by one close of this idle log (see the class's remarks); Wait releases the lock meanwhile.
            while (slot.Closing)
            {
                Monitor.Wait(_lock);
            }

            slot.Users++;
            if (slot.Node is null)
            {
                slot.Node = _recent.AddFirst(log);
            }
            else if (slot.Node != _recent.First)
            {
                _recent.Remove(slot.Node);
                _recent.AddFirst(slot.Node);
            }

            for (var node = _recent.Last; node is not null && _recent.Count > Capacity;)
            {
                var previous = node.Previous;
                if (node.Value.Slot.Users == 0)
                {
                    _recent.Remove(node);
                    node.Value.Slot.Node = null;
                    node.Value.Slot.Closing = true;
                    (victims ??= []).Add(node.Value);
                }

                node = previous;
            }
        }

        if (victims is not null)
        {
            // Outside the lock: stopping a writer thread waits for it, and other tenants must not wait meanwhile.
            foreach (var victim in victims)
            {
                try
                {
                    victim.CloseFiles();
                }
                finally
                {
                    lock (_lock)
                    {
                        victim.Slot.Closing = false;
                        Monitor.PulseAll(_lock);
                    }
                }
            }
        }
    }

    public void Exit(TenantLog log)
    {
        lock (_lock)
        {
            log.Slot.Users--;
        }
    }

    /// <summary>Drops a log that is being disposed.</summary>
    public void Forget(TenantLog log)
    {
        lock (_lock)
        {
            // Bounded as in Enter: the close under way finishes before the log is disposed.
            while (log.Slot.Closing)
            {
                Monitor.Wait(_lock);
            }

            if (log.Slot.Node is { } node)
            {
                _recent.Remove(node);
                log.Slot.Node = null;
            }
        }
    }
}
