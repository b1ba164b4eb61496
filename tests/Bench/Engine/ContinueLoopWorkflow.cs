using Skein.TenantSdk;

namespace Skein.Bench.Engine;

/// <summary>
/// A loop that never keeps its history: one step per run (a 200-character result, as a small real result), then a
/// continue-as-new, until run <see cref="ContinueLoopParams.Until"/>; at run <see cref="ContinueLoopParams.PauseAt"/>
/// it first waits for a <c>go</c> event, so the benchmark can measure the log between two phases.
/// </summary>
[Workflow("continue-loop")]
internal sealed class ContinueLoopWorkflow : Workflow<ContinueLoopParams, int>
{
    private static readonly string Padding = new('x', 200);

    public override async Task<int> RunAsync(WorkflowEvent<ContinueLoopParams> e, WorkflowStep step, CancellationToken ct)
    {
        var p = e.Payload;
        if (p.Run == p.PauseAt)
        {
            await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromDays(1) });
        }

        await step.Do("work", _ => Task.FromResult(Padding));
        if (p.Run < p.Until)
        {
            throw step.ContinueAsNew(p with { Run = p.Run + 1 });
        }

        return p.Run;
    }
}
