using System.Collections.Frozen;
using Skein.Host.Engine;

namespace Skein.Host.Tenants;

/// <summary>
/// What every request needs to know about tenants, as one immutable value: swapped whole when a tenant, key,
/// limit or active version changes, so the hot path reads it without locks.
/// </summary>
internal sealed record TenantSnapshot(
    FrozenDictionary<string, TenantState> Tenants,
    FrozenDictionary<string, string> TenantByKeyHash)
{
    public static TenantSnapshot Empty { get; } = new(
        FrozenDictionary<string, TenantState>.Empty, FrozenDictionary<string, string>.Empty);
}

/// <summary>One tenant's state in a <see cref="TenantSnapshot"/>.</summary>
internal sealed record TenantState(string Id, long CreatedAt, TenantLimits Limits, int? ActiveVersion, bool Frozen = false);
