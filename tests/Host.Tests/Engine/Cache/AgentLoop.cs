using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Cache;

/// <summary>
/// A step, a sleep of the given minutes, a step, a wait for a <c>go</c> event, a step. Its code outside steps records
/// <c>run</c> each time it runs from the top: once if every wake continued the code in memory, once more for every
/// replay from the log.
/// </summary>
[Workflow("agent-loop")]
internal sealed class AgentLoop : Workflow<int, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        var a = await step.Do("a", _ => Task.FromResult("a"));
        await step.Sleep("nap", TimeSpan.FromMinutes(e.Payload));
        var b = await step.Do("b", _ => Task.FromResult("b"));
        var go = await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" });
        var c = await step.Do("c", _ => Task.FromResult("c"));
        return $"{a}{b}{go.Payload}{c}";
    }
}
