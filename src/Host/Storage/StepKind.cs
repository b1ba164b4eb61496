namespace Skein.Host.Storage;

/// <summary>What a row of the <c>steps</c> table records, and its statuses.</summary>
internal static class StepKind
{
    public const string Step = "step";
    public const string Sleep = "sleep";
    public const string WaitForEvent = "waitForEvent";

    public const string Retrying = "retrying";
    public const string Complete = "complete";
    public const string Errored = "errored";
    public const string Waiting = "waiting";
    public const string TimedOut = "timedOut";
}
