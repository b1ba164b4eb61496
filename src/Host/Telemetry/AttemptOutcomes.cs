namespace Skein.Host.Telemetry;

/// <summary>The outcomes of a step attempt, as the attempt spans and the attempts counter name them.</summary>
internal static class AttemptOutcomes
{
    public const string Success = "success";

    /// <summary>Failed, and the step will be tried again after its retry delay.</summary>
    public const string Retry = "retry";

    /// <summary>Failed with no retry left (or a non-retryable error): the step failed.</summary>
    public const string Failure = "failure";
}
