using System.Text.Json.Serialization;

namespace Skein.Router.Moves;

/// <summary>A move as <c>POST /v1/tenants/{tenant}/move</c> and <c>GET /v1/moves/{id}</c> show it.</summary>
internal sealed record MoveResponse(
    string Id,
    string Tenant,
    string From,
    string To,
    string State,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? UnavailableMs)
{
    public static MoveResponse Of(Move move) => new(move.Id, move.Tenant, move.From, move.To, move.State,
        move.State == MoveStates.Failed ? move.Error : null, move.State == MoveStates.Done ? move.UnavailableMs : null);
}
