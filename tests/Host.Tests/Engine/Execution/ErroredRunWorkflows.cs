using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// A step with a rollback, then by the probe's variant: 0 a one-minute sleep; 1 nothing (changed code, the sleep gone);
/// 2 a continue-as-new in its place (changed code); 3 an output of 600 unescaped two-byte characters.
/// </summary>
[Workflow("undoable-ends")]
internal sealed class UndoableEnds : Workflow<int, RawText>
{
    public override async Task<RawText> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var probe = Probe.For(e.InstanceId);
        await step.Do("reserve", null, _ => Task.FromResult(1), ctx =>
        {
            probe.Record($"undo {ctx.Name}");
            return Task.CompletedTask;
        });
        switch (probe.Variant)
        {
            case 0:
                await step.Sleep("nap", TimeSpan.FromMinutes(1));
                break;
            case 2 when e.Payload == 0:
                throw step.ContinueAsNew(1);
            case 3:
                return RawText.Of(600);
        }

        return new RawText("done");
    }
}

/// <summary>A workflow whose constructor throws once <see cref="Throws"/> is set (after its registration made one).</summary>
[Workflow("throwing-constructor")]
internal sealed class ThrowingConstructor : Workflow<int, int>
{
    public ThrowingConstructor()
    {
        if (Throws)
        {
            throw new InvalidOperationException("the workflow's configuration is missing");
        }
    }

    /// <summary>Set by the one test that uses this workflow, after its engine registered it.</summary>
    public static volatile bool Throws;

    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(e.Payload);
}
