namespace Skein.Host.Engine;

/// <summary>
/// How many instances of a tenant (and of each of its workflows) run at once. An instance that finds no free slot
/// waits its turn in first-come order while its status stays <c>queued</c>.
/// </summary>
internal sealed class ConcurrencySlots
{
    private readonly object _lock = new();
    private readonly Dictionary<string, int> _perWorkflow = new(StringComparer.Ordinal);
    private readonly LinkedList<Waiter> _waiters = new();
    private int _limit;
    private int _running;

    public ConcurrencySlots(int limit) => _limit = limit;

    public int Running
    {
        get
        {
            lock (_lock)
            {
                return _running;
            }
        }
    }

    public int Waiting
    {
        get
        {
            lock (_lock)
            {
                return _waiters.Count;
            }
        }
    }

    public void SetLimit(int limit)
    {
        lock (_lock)
        {
            _limit = limit;
        }

        Promote();
    }

    /// <summary>A slot at once if one is free and no waiter of the same workflow is ahead; otherwise null, nothing queued.</summary>
    public IDisposable? TryAcquire(string workflow, int workflowLimit)
    {
        lock (_lock)
        {
            return Fits(workflow, workflowLimit) && !_waiters.Any(w => w.Workflow == workflow) ? Take(workflow) : null;
        }
    }

    /// <summary>Waits for a slot; dispose the result to give it back.</summary>
    public Task<IDisposable> AcquireAsync(string workflow, int workflowLimit, CancellationToken ct)
    {
        lock (_lock)
        {
            // Waiters ahead are blocked by their workflow's limit (the tenant's free slots are handed out on release,
            // under this lock), so only those of the same workflow must go first.
            if (Fits(workflow, workflowLimit) && !_waiters.Any(w => w.Workflow == workflow))
            {
                return Task.FromResult<IDisposable>(Take(workflow));
            }

            var waiter = new Waiter(workflow, workflowLimit);
            var node = _waiters.AddLast(waiter);
            waiter.Registration = ct.Register(() =>
            {
                lock (_lock)
                {
                    if (node.List is null)
                    {
                        return;
                    }

                    _waiters.Remove(node);
                }

                waiter.Completion.TrySetCanceled(ct);
            });
            return waiter.Completion.Task;
        }
    }

    private bool Fits(string workflow, int workflowLimit) =>
        _running < _limit && (workflowLimit <= 0 || _perWorkflow.GetValueOrDefault(workflow) < workflowLimit);

    private IDisposable Take(string workflow)
    {
        _running++;
        _perWorkflow[workflow] = _perWorkflow.GetValueOrDefault(workflow) + 1;
        return new Lease(this, workflow);
    }

    private void Release(string workflow) => Promote(workflow);

    private void Promote(string? released = null)
    {
        var granted = new List<(Waiter Waiter, IDisposable Lease)>();
        lock (_lock)
        {
            if (released is not null)
            {
                _running--;
                _perWorkflow[released]--;
            }

            for (var node = _waiters.First; node is not null && _running < _limit;)
            {
                var next = node.Next;
                if (Fits(node.Value.Workflow, node.Value.WorkflowLimit))
                {
                    _waiters.Remove(node);
                    granted.Add((node.Value, Take(node.Value.Workflow)));
                }

                node = next;
            }
        }

        foreach (var (waiter, lease) in granted)
        {
            waiter.Registration.Dispose();
            waiter.Completion.TrySetResult(lease);
        }
    }

    private sealed class Waiter(string workflow, int workflowLimit)
    {
        public string Workflow { get; } = workflow;

        public int WorkflowLimit { get; } = workflowLimit;

        public TaskCompletionSource<IDisposable> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }

    private sealed class Lease(ConcurrencySlots owner, string workflow) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(workflow);
            }
        }
    }
}
