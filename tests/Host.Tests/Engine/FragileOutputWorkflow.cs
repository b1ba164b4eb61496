using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>A step, then an output whose serialization throws as often as the probe says.</summary>
[Workflow("fragile-output")]
internal sealed class FragileOutputWorkflow : Workflow<Empty?, FragileOutput>
{
    public override async Task<FragileOutput> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        await step.Do("step", _ => { probe.Record("step"); return Task.FromResult(1); });
        return new FragileOutput(probe);
    }
}
