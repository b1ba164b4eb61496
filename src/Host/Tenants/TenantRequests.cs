using System.Collections.Concurrent;

namespace Skein.Host.Tenants;

/// <summary>
/// The tenant requests in flight on this node, per tenant, so that a freeze can wait until none is left: a request
/// admitted just before the freeze may still write (an upload, an event) and must be over before the tenant counts
/// as frozen, or its write could miss the backup a move copies.
/// <para>
/// A request enters before it looks at the freeze flag, and a freeze sets the flag before it looks at the requests
/// (both under the tenant's lock), so either the request sees the flag or the freeze sees the request.
/// </para>
/// </summary>
internal sealed class TenantRequests
{
    private readonly ConcurrentDictionary<string, InFlight> _tenants = new(StringComparer.Ordinal);

    /// <summary>Counts a request of <paramref name="tenant"/> until the lease is disposed.</summary>
    /// <param name="tenant">The tenant the request is for.</param>
    /// <param name="abort">Ends the request at once (its connection is dropped), for one a freeze cannot wait for.</param>
    public IDisposable Enter(string tenant, Action abort)
    {
        var inFlight = _tenants.GetOrAdd(tenant, _ => new InFlight());
        var lease = new Lease(inFlight, abort);
        lock (inFlight)
        {
            inFlight.Leases.Add(lease);
        }

        return lease;
    }

    /// <summary>How many requests of <paramref name="tenant"/> are in flight.</summary>
    public int Count(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var inFlight))
        {
            return 0;
        }

        lock (inFlight)
        {
            return inFlight.Leases.Count;
        }
    }

    /// <summary>
    /// Waits until no request of <paramref name="tenant"/> is in flight, or <paramref name="timeout"/>; returns how
    /// many are left. The caller has made sure no new one is admitted.
    /// </summary>
    public async Task<int> DrainAsync(string tenant, TimeSpan timeout)
    {
        if (!_tenants.TryGetValue(tenant, out var inFlight))
        {
            return 0;
        }

        Task drained;
        lock (inFlight)
        {
            if (inFlight.Leases.Count == 0)
            {
                return 0;
            }

            inFlight.Drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            drained = inFlight.Drained.Task;
        }

        try
        {
            await drained.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            // Reported by the count below.
        }

        lock (inFlight)
        {
            return inFlight.Leases.Count;
        }
    }

    /// <summary>Drops the connection of every request of <paramref name="tenant"/> still in flight.</summary>
    public void AbortAll(string tenant)
    {
        if (!_tenants.TryGetValue(tenant, out var inFlight))
        {
            return;
        }

        List<Lease> leases;
        lock (inFlight)
        {
            leases = [.. inFlight.Leases];
        }

        foreach (var lease in leases)
        {
            lease.Abort();
        }
    }

    private sealed class InFlight
    {
        public HashSet<Lease> Leases { get; } = [];

        public TaskCompletionSource? Drained { get; set; }
    }

    private sealed class Lease(InFlight inFlight, Action abort) : IDisposable
    {
        private int _disposed;

        public void Abort() => abort();

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0)
            {
                return;
            }

            lock (inFlight)
            {
                inFlight.Leases.Remove(this);
                if (inFlight.Leases.Count == 0 && inFlight.Drained is { } drained)
                {
                    inFlight.Drained = null;
                    drained.TrySetResult();
                }
            }
        }
    }
}
