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

/// <summary>
/// Not deterministic, on purpose: its first execution naps a minute; every later one (a replay) asks for a step where
/// the nap was logged, then for two new children.
/// </summary>
[Workflow("parent-changes-its-mind")]
internal sealed class ParentChangesItsMind : Workflow<int, int>
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, int> Executions = new();

    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        if (Executions.AddOrUpdate(e.InstanceId, 1, (_, n) => n + 1) == 1)
        {
            await step.Sleep("nap", TimeSpan.FromMinutes(1));
            return 0;
        }

        var changed = step.Do("nap", _ => Task.FromResult(0));
        var children = new[] { step.RunWorkflow<int, int>("first", "child-double", 1), step.RunWorkflow<int, int>("second", "child-double", 2) };
        return await changed + (await Task.WhenAll(children)).Sum();
    }
}
