using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A sleep of a minute (or, with the probe's variant 1, a wait for a <c>go</c> event) beside a step whose body waits
/// on the probe's <c>body</c> gate, then a step. Its code outside steps records <c>run</c> each time it runs from the
/// top, so a replay shows.
/// </summary>
[Workflow("beside-step")]
internal sealed class BesideStep : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        var waited = probe.Variant == 1
            ? WaitForGoAsync(step)
            : SleepAsync(step);
        var slow = step.Do("slow", async ctx =>
        {
            await probe.Gate("body", ctx.CancellationToken);
            return "slow";
        });
        var parts = await Task.WhenAll(waited, slow);
        var after = await step.Do("after", _ => Task.FromResult("after"));
        return $"{parts[0]},{parts[1]},{after}";
    }

    private static async Task<string> SleepAsync(WorkflowStep step)
    {
        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        return "rested";
    }

    private static async Task<string> WaitForGoAsync(WorkflowStep step) =>
        (await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go" })).Payload;
}
