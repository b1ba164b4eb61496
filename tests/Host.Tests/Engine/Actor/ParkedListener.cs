using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// Records <c>run</c> when its code starts and <c>cancelled</c> if its token is ever cancelled, then waits for a
/// <c>go</c> event (parked in memory meanwhile).
/// </summary>
[Workflow("parked-listener")]
internal sealed class ParkedListener : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        using var cancelled = ct.Register(() => probe.Record("cancelled"));
        var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
        return go.Payload;
    }
}
