using System.Collections.Concurrent;

namespace Skein.Router.Forwarding;

/// <summary>
/// Counts the tenant requests being forwarded, per (tenant, node). A move deletes the tenant on its old node only
/// once none of the requests routed there before the switch is still on its way: such a straggler then meets the
/// frozen tenant (503, the client retries on the new node), never a tenant that no longer exists (404).
/// </summary>
internal sealed class InFlightForwards
{
    private readonly ConcurrentDictionary<(string Tenant, string Node), int> _counts = new();

    public Lease Enter(string tenant, string node)
    {
        _counts.AddOrUpdate((tenant, node), 1, (_, count) => count + 1);
        return new Lease(this, tenant, node);
    }

    public int Count(string tenant, string node) => _counts.GetValueOrDefault((tenant, node));

    private void Exit(string tenant, string node) => _counts.AddOrUpdate((tenant, node), 0, (_, count) => count - 1);

    internal readonly struct Lease(InFlightForwards owner, string tenant, string node) : IDisposable
    {
        public void Dispose() => owner.Exit(tenant, node);
    }
}
