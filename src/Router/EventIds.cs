namespace Skein.Router;

/// <summary>
/// Every event id the router logs with, in one place: an operator filters and alerts on these numbers, so an id
/// never changes meaning and is never reused. The host keeps its own registry (Skein.Host.EventIds); the two never
/// share an id, so a log that mixes both still tells them apart.
/// </summary>
internal static class EventIds
{
    // Start: placement database and nodes.
    public const int PlacementDatabase = 9000;
    public const int NodeConfigured = 9001;
    public const int PlacedOnUnknownNode = 9002;

    // Placement.
    public const int TenantPlaced = 9010;
    public const int PlacementRemoved = 9011;
    public const int TenantCreateUndone = 9012;
    public const int TenantCreateUndoFailed = 9013;
    public const int PlacementNotRemoved = 9014;
    public const int PlacementRepointed = 9250;

    // Forwarding.
    public const int ForwardFailed = 9020;
    public const int NodeUnavailable = 9021;
    public const int NodeListFailed = 9030;
    public const int ForwardClientGone = 9260;

    // The router's own database.
    public const int DiskFull = 9040;

    // Moves of a tenant between nodes.
    public const int MoveAccepted = 9100;
    public const int MoveStateEntered = 9101;
    public const int MoveDone = 9102;
    public const int MoveFailing = 9103;
    public const int MoveUndone = 9104;
    public const int MoveRecovering = 9105;
    public const int MoveStepRetry = 9106;
    public const int MoveKillAtReached = 9199;
    public const int MovesPruned = 9210;
    public const int MovePruneFailed = 9211;
    public const int MoveCrashed = 9360;

    // Lifecycle lines, 9760–9779 (the host's are 9700–9759).
    public const int OptionsInEffect = 9760;
}
