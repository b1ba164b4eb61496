using System.Globalization;
using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>
/// One step per run that returns the run's number, then a continue-as-new carrying the running total, until run
/// <see cref="ContinueParams.Until"/>, which returns the total: 1 + 2 + … + Until only if every run's result was
/// carried exactly once, whatever the kills did.
/// </summary>
[Workflow("continue-loop")]
internal sealed class ContinueLoopWorkflow : Workflow<ContinueParams, long>
{
    private static readonly StepConfig Config = new() { Retries = new RetryPolicy(100, TimeSpan.Zero, Backoff.Constant) };

    public override async Task<long> RunAsync(WorkflowEvent<ContinueParams> e, WorkflowStep step, CancellationToken ct)
    {
        var p = e.Payload;
        var value = await step.Do("work", Config, async ctx =>
        {
            await Task.Delay(Random.Shared.Next(0, 11), ctx.CancellationToken);
            SideEffectFile.Append(p.SideEffectFile, string.Create(CultureInfo.InvariantCulture,
                $"{e.InstanceId} run={p.Run} attempt={ctx.Attempt} host={SideEffectFile.Run}\n"));
            return p.Run;
        });
        if (p.Run < p.Until)
        {
            throw step.ContinueAsNew(p with { Run = p.Run + 1, Total = p.Total + value });
        }

        return p.Total + value;
    }
}
