namespace Skein.Router.Api;

/// <summary>A node as <c>GET /v1/nodes</c> shows it; <c>Tenants</c> counts the tenants placed on it.</summary>
internal sealed record NodeResponse(string Id, string Url, bool Healthy, int Tenants);
