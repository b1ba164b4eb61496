using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>Sleeps for the milliseconds given as params: the long and short sleepers of the timer test.</summary>
[Workflow("nap")]
internal sealed class NapWorkflow : Workflow<long, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<long> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Sleep("nap", TimeSpan.FromMilliseconds(e.Payload));
        return "woke";
    }
}
