namespace Skein.Host.Storage;

/// <summary>Instance statuses as stored and as shown in the API.</summary>
internal static class InstanceStatus
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string WaitingForPause = "waitingForPause";
    public const string Waiting = "waiting";
    public const string Complete = "complete";
    public const string Errored = "errored";
    public const string Terminated = "terminated";

    public static IReadOnlyList<string> All { get; } =
        [Queued, Running, Paused, WaitingForPause, Waiting, Complete, Errored, Terminated];

    public static bool IsFinished(string status) => status is Complete or Errored or Terminated;
}
