namespace Skein.Host.Tests.Engine.Control;

/// <summary>The states of the control matrix.</summary>
internal static class ControlStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string RetryDelay = "retryDelay";
    public const string Sleep = "sleep";
    public const string Event = "event";
    public const string WaitingForPause = "waitingForPause";
    public const string Paused = "paused";
    public const string Complete = "complete";
    public const string Errored = "errored";
    public const string Terminated = "terminated";
    public const string Deleted = "deleted";
}
