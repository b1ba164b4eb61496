namespace Skein.Host.Tenants;

/// <summary>
/// The node's tenants as last read from the catalog: an immutable <see cref="TenantSnapshot"/> that the
/// <see cref="TenantRegistry"/> swaps whole on every change, so readers on the hot path (authentication, the active
/// version a create resolves) take no lock and need nothing else of the host.
/// </summary>
internal sealed class TenantDirectory
{
    private TenantSnapshot _snapshot = TenantSnapshot.Empty;

    public TenantSnapshot Snapshot => Volatile.Read(ref _snapshot);

    public TenantState? Find(string tenant) => Snapshot.Tenants.GetValueOrDefault(tenant);

    public void Publish(TenantSnapshot snapshot) => Volatile.Write(ref _snapshot, snapshot);
}
