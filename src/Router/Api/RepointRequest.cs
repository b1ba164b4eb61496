namespace Skein.Router.Api;

/// <summary>The body of <c>PUT /v1/placements/{tenant}</c>: the node that now holds the tenant.</summary>
internal sealed record RepointRequest(string? Node);
