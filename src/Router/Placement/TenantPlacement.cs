namespace Skein.Router.Placement;

/// <summary>Which node holds a tenant's data.</summary>
internal sealed record TenantPlacement(string Tenant, string Node);
