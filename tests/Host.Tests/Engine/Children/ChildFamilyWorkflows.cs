using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>
/// Run 1 (params 0) starts a <c>child-waiter</c> child and, without awaiting it, sleeps a minute, then continues as
/// new; run 2 sleeps a day and returns 42. The child run 1 left waiting must end with that run, not with the instance.
/// </summary>
[Workflow("parent-continues")]
internal sealed class ParentContinues : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        if (e.Payload != 0)
        {
            await step.Sleep("second-run", TimeSpan.FromDays(1));
            return 42;
        }

        var child = step.RunWorkflow<int, int>("child", "child-waiter", 0);
        await Task.WhenAny(child, step.Sleep("grace", TimeSpan.FromMinutes(1)));
        throw step.ContinueAsNew(1);
    }
}

/// <summary>A <c>child-double</c> child, then ten days' sleep: the parent ends well after its child.</summary>
[Workflow("parent-lingers")]
internal sealed class ParentLingers : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var doubled = await step.RunWorkflow<int, int>("child", "child-double", e.Payload);
        await step.Sleep("linger", TimeSpan.FromDays(10));
        return doubled;
    }
}
