namespace Skein.Router.Api;

/// <summary>A row of <c>GET /v1/placements</c>.</summary>
internal sealed record PlacementResponse(string Tenant, string Node);
