using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.CutOff;

/// <summary>
/// Steps "s1", "s2"…, retried up to the params' limit; each attempt records <c>{step}#{attempt}</c> and waits at
/// the probe's gate of that name, so a test can stop the engine while the attempt runs.
/// </summary>
[Workflow("cut-off")]
internal sealed class CutOffWorkflow : Workflow<CutOffParams, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<CutOffParams> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var config = new StepConfig { Retries = new RetryPolicy(e.Payload.Limit, TimeSpan.Zero, Backoff.Constant) };
        var total = 0;
        for (var i = 1; i <= e.Payload.Steps; i++)
        {
            total += await step.Do($"s{i}", config, async ctx =>
            {
                var attempt = $"{ctx.Name}#{ctx.Attempt}";
                probe.Record(attempt);
                await probe.Gate(attempt, ctx.CancellationToken);
                return 1;
            });
        }

        return total;
    }
}
