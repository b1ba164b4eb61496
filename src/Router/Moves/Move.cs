namespace Skein.Router.Moves;

/// <summary>
/// A row of the move journal. <paramref name="TargetHadTenant"/> was checked when the move was accepted: an undo
/// deletes the tenant on the target only when the target did not have it before. <paramref name="FrozenAt"/> is
/// when the source acknowledged the freeze (Unix ms), the start of the window in which the tenant answers 503.
/// </summary>
internal sealed record Move(
    string Id,
    string Tenant,
    string From,
    string To,
    string State,
    string? Error,
    bool TargetHadTenant,
    long? FrozenAt,
    long? UnavailableMs,
    long CreatedAt);
