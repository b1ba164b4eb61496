using System.Collections.Concurrent;
using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Children;

/// <summary>Doubles its params in one step.</summary>
[Workflow("child-double")]
internal sealed class ChildDouble : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        step.Do("double", _ => Task.FromResult(e.Payload * 2));
}

/// <summary>Fails: its one step throws a non-retryable error.</summary>
[Workflow("child-fail")]
internal sealed class ChildFail : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        step.Do<int>("charge", _ => throw new NonRetryableException("card declined"));
}

/// <summary>Waits (a day at most) for a <c>release</c> event and returns its payload.</summary>
[Workflow("child-waiter")]
internal sealed class ChildWaiter : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        (await step.WaitForEvent<int>("release", new WaitForEventOptions { Type = "release", Timeout = TimeSpan.FromDays(1) })).Payload;
}

/// <summary>A step, then the <c>child-double</c> child of its params; returns the child's output plus one.</summary>
[Workflow("parent-one")]
internal sealed class ParentOne : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do("before", _ => Task.FromResult(1));
        return await step.RunWorkflow<int, int>("child", "child-double", e.Payload) + 1;
    }
}

/// <summary>Runs the child workflow named by its params and reports how it failed (status:errorName:message).</summary>
[Workflow("parent-catch")]
internal sealed class ParentCatch : Workflow<string, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct)
    {
        try
        {
            return "ok " + await step.RunWorkflow<int, int>("child", e.Payload, 1);
        }
        catch (ChildWorkflowFailedException failed)
        {
            return $"{failed.Status}:{failed.ErrorName}:{failed.ErrorMessage}";
        }
        catch (StepFailedException failed)
        {
            return $"not started:{failed.ErrorName}";
        }
    }
}

/// <summary>Ten <c>child-double</c> children at once; returns the sum of their outputs.</summary>
[Workflow("parent-many")]
internal sealed class ParentMany : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var children = Enumerable.Range(0, 10).Select(i => step.RunWorkflow<int, int>("child", "child-double", i));
        return (await Task.WhenAll(children)).Sum();
    }
}

/// <summary>
/// A step (held while a test holds <see cref="ChildGates"/> for the instance), then a <c>child-waiter</c> child;
/// returns the child's output.
/// </summary>
[Workflow("parent-waits")]
internal sealed class ParentWaits : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        await step.Do("before", async _ =>
        {
            await ChildGates.PassAsync(e.InstanceId);
            return 1;
        });
        return await step.RunWorkflow<int, int>("child", "child-waiter", 0);
    }
}

/// <summary>A <c>parent-waits</c> child (so a waiting grandchild): a family three deep.</summary>
[Workflow("grandparent")]
internal sealed class Grandparent : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        step.RunWorkflow<int, int>("mid", "parent-waits", 0);
}

/// <summary>Gates a test holds shut to keep a step body of an instance from finishing.</summary>
internal static class ChildGates
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Gates = new();

    public static void Hold(string id) => Gates[id] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public static void Release(string id)
    {
        if (Gates.TryRemove(id, out var gate))
        {
            gate.SetResult();
        }
    }

    public static bool IsHeld(string id) => Gates.ContainsKey(id);

    public static Task PassAsync(string id) => Gates.TryGetValue(id, out var gate) ? gate.Task : Task.CompletedTask;
}
