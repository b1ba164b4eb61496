using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// A step whose body registers a callback on its cancellation token that throws, then waits at the probe's "body"
/// gate: cancelling the attempt (a tenant stop) fails inside the engine.
/// </summary>
[Workflow("throwing-cancellation")]
internal sealed class ThrowingCancellation : Workflow<Empty?, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        return await step.Do("body", async ctx =>
        {
            ctx.CancellationToken.Register(() => throw new InvalidOperationException("the callback refuses to be cancelled"));
            await probe.Gate("body");
            return 1;
        });
    }
}
