namespace Skein.Host.Storage;

/// <summary>Step kinds and statuses as DESIGN §3 names them: in messages and, mapped at the API's edge, on the wire.</summary>
internal static class StepNames
{
    private static readonly string[] Kinds = ["step", "sleep", "waitForEvent", "childWorkflow"];
    private static readonly string[] Statuses = ["retrying", "complete", "errored", "waiting", "timedOut", "terminated"];

    extension(StepKind kind)
    {
        public string Name => Kinds[(int)kind];
    }

    extension(StepStatus status)
    {
        public string Name => Statuses[(int)status];
    }
}
