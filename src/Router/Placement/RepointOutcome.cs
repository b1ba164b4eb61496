namespace Skein.Router.Placement;

/// <summary>What <see cref="PlacementStore.Repoint"/> did.</summary>
internal enum RepointOutcome
{
    Done,
    MoveRunning,
}
