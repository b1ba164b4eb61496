using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>
/// Runs a <see cref="CutOffWorkflow"/> child (one step, retried up to 10 times) and returns how it failed
/// (<c>status:errorName</c>), or <c>complete</c>.
/// </summary>
[Workflow("cut-off-parent")]
internal sealed class CutOffParent : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            await step.RunWorkflow<CutOffParams, int>("child", "cut-off", new CutOffParams(Limit: 10));
            return "complete";
        }
        catch (ChildWorkflowFailedException failed)
        {
            return $"{failed.Status}:{failed.ErrorName}";
        }
    }
}
