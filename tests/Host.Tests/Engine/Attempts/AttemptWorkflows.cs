using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Attempts;

/// <summary>
/// A step with no rollback handler, a step whose handler records its idempotency key (and waits on the probe's
/// "undo" gate when the variant is 1, and throws when it is 2), then a step that fails without retries.
/// </summary>
[Workflow("partly-undoable")]
internal sealed class PartlyUndoable : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("note", _ => Task.FromResult(1));
        await step.Do("book", null, _ => Task.FromResult(2), async ctx =>
        {
            if (probe.Variant == 1)
            {
                await probe.Gate("undo");
            }

            if (probe.Variant == 2)
            {
                throw new InvalidOperationException("the booking is gone");
            }

            probe.Record($"undo {ctx.IdempotencyKey}");
        });
        await step.Do<int>("confirm", new StepConfig { Retries = RetryPolicy.None }, _ => throw new InvalidOperationException("confirmation failed"));
        return "never";
    }
}

/// <summary>A step whose result is a string of as many characters as the params say, then an hour's sleep.</summary>
[Workflow("holds-a-result")]
internal sealed class HoldsAResult : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var text = await step.Do("fetch", _ => Task.FromResult(new string('x', e.Payload)));
        await step.Sleep("nap", TimeSpan.FromHours(1));
        return text.Length;
    }
}
