using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Attempts;

/// <summary>
/// A step retried after the params' delay in milliseconds; each attempt records <c>call#{attempt}</c> and waits at the
/// probe's gate of that name, and the first attempt then fails.
/// </summary>
[Workflow("gated-retry")]
internal sealed class GatedRetry : Workflow<int, string>
{
    public override Task<string> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var config = new StepConfig { Retries = new RetryPolicy(3, TimeSpan.FromMilliseconds(e.Payload), Backoff.Constant) };
        return step.Do("call", config, async ctx =>
        {
            var attempt = $"call#{ctx.Attempt}";
            probe.Record(attempt);
            await probe.Gate(attempt);
            return ctx.Attempt == 1 ? throw new InvalidOperationException("first attempt fails") : "ok";
        });
    }
}
