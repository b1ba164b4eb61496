namespace Skein.Host.Storage;

/// <summary>
/// Where an instance is in its life. The log stores it (and the API shows it) by name: the SQLite provider maps it
/// in <see cref="StoredNames"/>, the API in <c>Api/WireNames</c>; both strings are fixed by DESIGN §3.
/// </summary>
internal enum InstanceStatus
{
    Queued,
    Running,
    Paused,
    WaitingForPause,
    Waiting,
    Complete,
    Errored,
    Terminated,
}
