using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A step that fails as often as the probe's <c>flaky</c> failures say (retried a minute later) beside a step whose
/// body waits on the probe's <c>body</c> gate. Its code outside steps records <c>run</c> each time it runs from the top.
/// </summary>
[Workflow("retry-beside-step")]
internal sealed class RetryBesideStep : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        probe.Record("run");
        var retries = new StepConfig { Retries = new RetryPolicy(3, TimeSpan.FromMinutes(1), Backoff.Constant) };
        var flaky = step.Do("flaky", retries, _ => probe.FailuresLeft.AddOrUpdate("flaky", 0, (_, n) => n - 1) >= 0
            ? throw new InvalidOperationException("not yet")
            : Task.FromResult("flaky"));
        var slow = step.Do("slow", async ctx =>
        {
            await probe.Gate("body", ctx.CancellationToken);
            return "slow";
        });
        var parts = await Task.WhenAll(flaky, slow);
        return string.Join(",", parts);
    }
}
