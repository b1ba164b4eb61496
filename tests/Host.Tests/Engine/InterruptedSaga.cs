using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Three steps with rollback handlers, then a failure. The first time the "charge" handler runs it records that it
/// started and holds until the host shuts down, so a test can restart the engine in the middle of the rollback.
/// </summary>
[Workflow("interrupted-saga")]
internal sealed class InterruptedSaga : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        foreach (var name in new[] { "reserve", "charge", "ship" })
        {
            await step.Do(name, null, _ => Task.FromResult(name.ToUpperInvariant()), async ctx =>
            {
                if (ctx.Name == "charge" && probe.Count("undo charge started") == 0)
                {
                    probe.Record("undo charge started");
                    await probe.Gate("charge held", ctx.CancellationToken);
                }

                probe.Record($"undo {ctx.Name} {ctx.Output}");
            });
        }

        await step.Do("confirm", new StepConfig { Retries = RetryPolicy.None }, _ => throw new InvalidOperationException("confirmation failed"));
        return "never";
    }
}
