using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A step with a rollback handler (records <c>undo reserve</c>), then a step whose body waits on the probe's
/// <c>body</c> gate (records <c>cancelled</c> if its token fires first); the workflow ends right after it. Records
/// <c>token cancelled</c> when the workflow's own cancellation token fires, even after its code returned.
/// </summary>
[Workflow("undo-gated")]
internal sealed class UndoGated : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        ct.Register(() => probe.Record("token cancelled"));
        await step.Do("reserve", null, _ => Task.FromResult("R"), _ =>
        {
            probe.Record("undo reserve");
            return Task.CompletedTask;
        });
        await step.Do("slow", async ctx =>
        {
            try
            {
                await probe.Gate("body", ctx.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probe.Record("cancelled");
                throw;
            }

            return 1;
        });
        return "ended";
    }
}
