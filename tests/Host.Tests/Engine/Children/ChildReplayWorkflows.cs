using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>As many <c>child-double</c> children as its params say, one after the other; returns the sum of their outputs.</summary>
[Workflow("parent-in-turn")]
internal sealed class ParentInTurn : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var sum = 0;
        for (var i = 1; i <= e.Payload; i++)
        {
            sum += await step.RunWorkflow<int, int>("child", "child-double", i);
        }

        return sum;
    }
}

/// <summary>Starts a <c>child-waiter</c> child, sleeps a minute while it runs, then returns the child's output.</summary>
[Workflow("parent-naps-beside-child")]
internal sealed class ParentNapsBesideChild : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var child = step.RunWorkflow<int, int>("child", "child-waiter", e.Payload);
        await step.Sleep("nap", TimeSpan.FromMinutes(1));
        return await child;
    }
}
