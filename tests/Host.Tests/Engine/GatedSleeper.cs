using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>A step whose body waits on the probe's "body" gate, a sleep of the given minutes, a step "after".</summary>
[Workflow("gated-sleeper")]
internal sealed class GatedSleeper : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("before", async ctx =>
        {
            await probe.Gate("body", ctx.CancellationToken);
            return 1;
        });
        await step.Sleep("nap", TimeSpan.FromMinutes(e.Payload));
        await step.Do("after", _ => { probe.Record("after"); return Task.FromResult(2); });
        return "rested";
    }
}
