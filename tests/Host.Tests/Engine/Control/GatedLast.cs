using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// One step whose body waits on the probe's "body" gate and then returns (or fails for good when the params say
/// so); the workflow ends right after it, so a control sent then meets the run's end being written.
/// </summary>
[Workflow("gated-last")]
internal sealed class GatedLast : Workflow<bool, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<bool> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("only", async ctx =>
        {
            await probe.Gate("body", ctx.CancellationToken);
            probe.Record("only");
            return e.Payload ? throw new NonRetryableException("refused") : 1;
        });
        return "ended";
    }
}
