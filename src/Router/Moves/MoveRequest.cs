namespace Skein.Router.Moves;

/// <summary>The body of <c>POST /v1/tenants/{tenant}/move</c>: the id of the node to move the tenant to.</summary>
internal sealed record MoveRequest(string? To);
