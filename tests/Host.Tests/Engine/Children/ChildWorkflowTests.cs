using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Children;

public sealed class ChildWorkflowTests
{
    private static readonly Type[] Workflows =
    [
        typeof(ChildDouble), typeof(ChildFail), typeof(ChildWaiter), typeof(ParentOne), typeof(ParentCatch),
        typeof(ParentMany), typeof(ParentWaits), typeof(Grandparent),
    ];

    [Fact]
    public async Task The_childs_output_is_returned_to_the_parent()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-one", 5);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(11, t.Describe(id).Output!.GetValue<int>());
        var child = t.Describe($"{id}-child-1");
        Assert.Equal("complete", child.Status);
        Assert.Equal(10, child.Output!.GetValue<int>());
        Assert.Equal(2, t.Engine.List(TestEngine.Tenant, new Skein.Host.Storage.InstanceQuery(null, null, 100, null)).Items.Count);
    }

    [Fact]
    public async Task A_failed_child_throws_into_the_parent_which_may_catch_it()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-catch", "child-fail");

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal("errored:NonRetryableException:card declined", t.Describe(id).Output!.GetValue<string>());
        Assert.Equal("errored", t.Describe($"{id}-child-1").Status);
    }

    [Fact]
    public async Task An_unknown_workflow_fails_the_step_and_starts_no_child()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-catch", "no-such-workflow");

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal("not started:WorkflowNotFound", t.Describe(id).Output!.GetValue<string>());
        var step = Assert.Single(t.Describe(id).Steps);
        Assert.Equal("childWorkflow", step.Type);
        Assert.Equal("errored", step.Status);
        Assert.Null(step.InstanceId);
        Assert.Equal("no-such-workflow", step.Workflow);
        Assert.Null(t.Engine.Describe(TestEngine.Tenant, $"{id}-child-1"));
    }

    [Fact]
    public async Task Ten_children_run_at_once_with_WhenAll()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-many", 0);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(90, t.Describe(id).Output!.GetValue<int>());
        var steps = t.Describe(id).Steps;
        Assert.Equal(Enumerable.Range(1, 10), steps.Select(s => s.Count).Order());
        Assert.All(steps, s => Assert.Equal("complete", s.Status));
        Assert.Equal(
            Enumerable.Range(1, 10).Select(n => $"{id}-child-{n}").Order(),
            steps.Select(s => s.InstanceId!).Order());
    }

    [Fact]
    public async Task Children_count_against_the_tenants_concurrency()
    {
        // One slot: the parent waiting for its child holds none, so the child gets it.
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 1 }, Workflows);
        var id = await t.CreateAsync("parent-many", 0);

        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(90, t.Describe(id).Output!.GetValue<int>());
    }

    [Fact]
    public async Task Terminating_a_parent_terminates_its_unfinished_children_recursively()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("grandparent", 0);
        var grandchild = $"{id}-mid-1-child-1";
        await WaitForChildAsync(t, grandchild, "waiting");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal("terminated", t.Describe($"{id}-mid-1").Status);
        Assert.Equal("terminated", t.Describe(grandchild).Status);
    }

    [Fact]
    public async Task A_client_watching_a_child_sees_it_terminated_with_its_parent()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        var child = $"{id}-child-1";
        await WaitForChildAsync(t, child, "waiting");
        var watching = t.WaitForStatusAsync(child, "terminated");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        Assert.Equal("terminated", await watching);
    }

    [Fact]
    public async Task Terminating_a_parent_with_rollback_terminates_its_children()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        await WaitForChildAsync(t, $"{id}-child-1", "waiting");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true);

        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal("terminated", t.Describe($"{id}-child-1").Status);
    }

    [Fact]
    public async Task Deleting_a_parent_terminates_its_children()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        await WaitForChildAsync(t, $"{id}-child-1", "waiting");

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, id));

        Assert.Equal("terminated", t.Describe($"{id}-child-1").Status);
    }

    [Fact]
    public async Task Terminating_a_child_directly_fails_the_parents_step()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-catch", "child-waiter");
        await t.WaitForStatusAsync(id, "waiting");
        await WaitForChildAsync(t, $"{id}-child-1", "waiting");

        await t.Engine.TerminateAsync(TestEngine.Tenant, $"{id}-child-1");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal($"terminated:Terminated:The child workflow '{id}-child-1' was terminated.", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task Deleting_a_child_directly_fails_the_parents_step()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-catch", "child-waiter");
        await t.WaitForStatusAsync(id, "waiting");

        Assert.True(await t.Engine.DeleteAsync(TestEngine.Tenant, $"{id}-child-1"));

        await t.WaitForStatusAsync(id, "complete");
        Assert.StartsWith("terminated:InstanceDeleted:", t.Describe(id).Output!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restarting_a_parent_from_before_the_child_terminates_it_and_starts_a_fresh_one()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        var child = $"{id}-child-1";
        await WaitForChildAsync(t, child, "waiting");
        var oldCreatedAt = t.Describe(child).CreatedAt;

        ChildGates.Hold(id);
        try
        {
            await t.Engine.RestartAsync(TestEngine.Tenant, id, "before");

            // The parent is held in its first step: the old child was terminated by the restart itself.
            Assert.Equal("terminated", t.Describe(child).Status);
        }
        finally
        {
            t.Advance(TimeSpan.FromMinutes(1));
            ChildGates.Release(id);
        }

        // The fresh child replaced the old one's record under the same id.
        await Eventually.Until(() => t.Describe(child), d => d.Status == "waiting" && d.CreatedAt > oldCreatedAt, "the fresh child waiting");
        Assert.Equal(oldCreatedAt + TimeSpan.FromMinutes(1), t.Describe(child).CreatedAt);
        await t.Engine.SendEventAsync(TestEngine.Tenant, child, "release", "7");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(7, t.Describe(id).Output!.GetValue<int>());
    }

    [Fact]
    public async Task A_child_end_committed_before_a_crash_is_found_in_the_parents_log_after_the_restart()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        var child = $"{id}-child-1";
        await WaitForChildAsync(t, child, "waiting");
        await t.WaitForStatusAsync(id, "waiting");

        // As if the host died between the commit of the child's end and the parent's wake: nobody is woken.
        t.Log.FamilyChanged = _ => { };
        await t.Engine.SendEventAsync(TestEngine.Tenant, child, "release", "3");
        await t.WaitForStatusAsync(child, "complete");
        await t.WaitUntilIdleAsync();
        Assert.Equal("running", t.Describe(id).Status);
        Assert.Null(t.Describe(id).Output);
        t.Restart();

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(3, t.Describe(id).Output!.GetValue<int>());
    }

    [Fact]
    public async Task Describe_shows_the_childWorkflow_step_and_the_childs_parent()
    {
        using var t = new TestEngine(Workflows);
        var id = await t.CreateAsync("parent-waits", 0);
        var child = $"{id}-child-1";
        await WaitForChildAsync(t, child, "waiting");

        var waiting = t.Describe(id).Steps.Single(s => s.Name == "child");
        Assert.Equal("childWorkflow", waiting.Type);
        Assert.Equal(1, waiting.Count);
        Assert.Equal(child, waiting.InstanceId);
        Assert.Equal("child-waiter", waiting.Workflow);
        Assert.Equal("waiting", waiting.Status);
        Assert.Null(waiting.Output);
        Assert.Equal(t.Time.GetUtcNow(), waiting.Start);
        Assert.Null(waiting.End);

        var described = t.Describe(child);
        Assert.Equal(id, described.Parent!.Id);
        Assert.Equal("child", described.Parent.Step);
        Assert.Equal("child-waiter", described.Workflow);
        Assert.Null(t.Describe(id).Parent);

        t.Advance(TimeSpan.FromMinutes(1));
        await t.Engine.SendEventAsync(TestEngine.Tenant, child, "release", "4");
        await t.WaitForStatusAsync(id, "complete");
        var done = t.Describe(id).Steps.Single(s => s.Name == "child");
        Assert.Equal("complete", done.Status);
        Assert.Equal(4, done.Output!.GetValue<int>());
        Assert.Equal(t.Time.GetUtcNow(), done.End);
        Assert.Equal(t.Time.GetUtcNow() - TimeSpan.FromMinutes(1), done.Start);
    }

    /// <summary>Waits for a child that may not have been started yet to reach <paramref name="status"/>.</summary>
    private static async Task WaitForChildAsync(TestEngine t, string id, string status)
    {
        await Eventually.Until(() => t.Engine.Describe(TestEngine.Tenant, id), d => d is not null, $"child {id} to exist");
        await t.WaitForStatusAsync(id, status);
    }

    [Fact]
    public void A_child_id_that_is_not_a_valid_instance_id_is_hashed_deterministically()
    {
        Assert.Equal("order-1-payment-1", ChildIds.For("order-1", "payment", 1));
        var hashed = ChildIds.For("order-1", "pay the bill", 2);
        Assert.Equal(hashed, ChildIds.For("order-1", "pay the bill", 2));
        Assert.NotEqual(hashed, ChildIds.For("order-1", "pay the bill", 3));
        Assert.Matches("^c[0-9a-f]{40}$", hashed);
        Assert.True(InstanceIds.IsValid(ChildIds.For(new string('a', 100), "x", 1)));
    }
}
