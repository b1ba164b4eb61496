using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Control;

/// <summary>
/// A step "first" (retried <c>RetryPolicy(3, 2 s, Constant)</c>), then, by state, a sleep or an event wait, then a
/// step "last". The probe records <c>first#{attempt}</c> and <c>last</c>; the state steers where it stops.
/// </summary>
[Workflow("control")]
internal sealed class ControlWorkflow : Workflow<ControlParams, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<ControlParams> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        var state = e.Payload.State;
        var retries = new StepConfig { Retries = new RetryPolicy(3, TimeSpan.FromSeconds(2), Backoff.Constant) };
        await step.Do("first", retries, async ctx =>
        {
            probe.Record($"first#{ctx.Attempt}");
            if (state is ControlStates.Running or ControlStates.WaitingForPause or ControlStates.Paused)
            {
                await probe.Gate("body", ctx.CancellationToken);
            }

            return state switch
            {
                ControlStates.RetryDelay when ctx.Attempt == 1 => throw new InvalidOperationException("boom"),
                ControlStates.Errored => throw new NonRetryableException("refused"),
                _ => 1,
            };
        });

        if (state is ControlStates.Sleep or ControlStates.Terminated)
        {
            await step.Sleep("nap", TimeSpan.FromMinutes(10));
        }

        if (state == ControlStates.Event)
        {
            await step.WaitForEvent<string>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromHours(1) });
        }

        await step.Do("last", _ =>
        {
            probe.Record("last");
            return Task.FromResult(2);
        });
        return "done";
    }
}
