namespace Skein.Host.Storage;

/// <summary>
/// What a continue-as-new committed: the number of the run that starts now and the status it starts in
/// (<c>queued</c>, or <c>paused</c> when a pause was asked of the run that ended), with its generation.
/// </summary>
internal sealed record ContinuedRun(int Run, InstanceStatus Status, int Generation);
