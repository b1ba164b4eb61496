namespace Skein.Host.Tenants;

/// <summary>Who is calling: the operator (admin key) or one tenant (a tenant key).</summary>
internal sealed record Caller(bool IsAdmin, string? Tenant)
{
    public static Caller Admin { get; } = new(true, null);

    /// <summary>True when the caller may act on <paramref name="tenant"/>'s resources.</summary>
    public bool CanAccess(string tenant) => IsAdmin || Tenant == tenant;
}
