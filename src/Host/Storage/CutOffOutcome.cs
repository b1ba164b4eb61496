namespace Skein.Host.Storage;

/// <summary>
/// What recovering an instance's cut-off attempts did: the attempts charged to their steps, the instance's crash
/// recoveries in a row since its last progress, and whether that stopped it (<c>errored</c>).
/// </summary>
internal sealed record CutOffOutcome(IReadOnlyList<AttemptStart> Charged, int Recoveries, bool Stopped);
