using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A step, a sleep of half an hour, a step. Records <c>run</c> each time its code runs from the top, <c>a</c> each time
/// its first step's body runs, and <c>token cancelled</c> if the workflow's cancellation token of any of its runs fires.
/// </summary>
[Workflow("token-sleeper")]
internal sealed class TokenSleeper : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        ct.Register(() => probe.Record("token cancelled"));
        await step.Do("a", _ => { probe.Record("a"); return Task.FromResult(1); });
        await step.Sleep("nap", TimeSpan.FromMinutes(30));
        await step.Do("b", _ => Task.FromResult(2));
        return "slept";
    }
}
