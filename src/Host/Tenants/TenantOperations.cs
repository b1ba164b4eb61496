using System.Collections.Concurrent;

namespace Skein.Host.Tenants;

/// <summary>
/// One operation at a time per tenant among those that stop and reopen its runtime: a restore, a freeze, an
/// unfreeze. Each waits for the one before it instead of failing halfway through the other's swap.
/// </summary>
internal sealed class TenantOperations
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _gates = new(StringComparer.Ordinal);

    /// <summary>Waits for the tenant's gate; disposing the result releases it.</summary>
    public async Task<IDisposable> EnterAsync(string tenant)
    {
        var gate = _gates.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
