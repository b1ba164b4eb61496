using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// One at a time in a tenant: records <c>run</c> when its code starts, then a step whose body waits on the probe's
/// <c>body</c> gate.
/// </summary>
[Workflow("solo", MaxConcurrency = 1)]
internal sealed class Solo : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        return await step.Do("slow", async ctx =>
        {
            await probe.Gate("body", ctx.CancellationToken);
            return "solo";
        });
    }
}
