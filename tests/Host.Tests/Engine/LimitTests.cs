using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class LimitTests
{
    [Fact]
    public async Task An_instance_that_asks_for_more_steps_than_the_limit_errors_with_a_clear_message()
    {
        using var t = new TestEngine(new EngineOptions { MaxStepsPerInstance = 5 }, typeof(Big));
        var id = await t.CreateAsync("big", 6);

        await t.WaitForStatusAsync(id, "errored");

        var described = t.Describe(id);
        Assert.Equal(5, described.Steps.Count);
        Assert.Contains("more than 5 steps", described.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_result_over_the_size_limit_fails_the_step_without_retries()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 4096 }, typeof(Big));
        var id = await t.CreateAsync("big", -5000);

        await t.WaitForStatusAsync(id, "complete");

        var huge = t.Describe(id).Steps.Single(s => s.Name == "huge");
        Assert.Equal("errored", huge.Status);
        Assert.Single(huge.Attempts!);
        Assert.Contains("the limit is 4096", huge.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Params_over_the_size_limit_are_refused()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 1024 }, typeof(Big));

        await Assert.ThrowsAsync<PayloadTooLargeException>(() =>
            t.Engine.CreateAsync(TestEngine.Tenant, "big", null, new string(' ', 2000) + "1"));
    }

    [Fact]
    public async Task Instances_beyond_the_tenant_concurrency_limit_stay_queued_until_a_slot_frees()
    {
        using var t = new TestEngine(new EngineOptions { MaxConcurrentInstancesPerTenant = 2 }, typeof(Gated));
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await t.CreateAsync("gated"));
            if (i < 2)
            {
                await Probe.For(ids[i]).WaitReachedAsync("body");
            }
        }

        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Waiting == 2, "two instances to wait for a slot");
        Assert.Equal(["running", "running", "queued", "queued"], ids.Select(id => t.Describe(id).Status));

        foreach (var id in ids)
        {
            Probe.For(id).Open("body");
        }

        foreach (var id in ids)
        {
            await t.WaitForStatusAsync(id, "complete");
        }
    }

    [Fact]
    public async Task A_concurrency_limit_lowered_while_the_tenant_runs_queues_the_next_instance()
    {
        using var t = new TestEngine(typeof(Gated));
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        runtime.SetLimits(new TenantLimits { MaxConcurrentInstances = 1 });
        var first = await t.CreateAsync("gated");
        await Probe.For(first).WaitReachedAsync("body");

        var second = await t.CreateAsync("gated");

        await Eventually.Until(() => runtime.Slots.Waiting == 1, "the second instance to wait for a slot");
        Assert.Equal("queued", t.Describe(second).Status);
        Probe.For(first).Open("body");
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
    }

    [Fact]
    public async Task A_workflow_concurrency_limit_queues_only_that_workflow()
    {
        using var t = new TestEngine(typeof(Limited), typeof(ThreeSteps));
        var first = await t.CreateAsync("limited");
        await Probe.For(first).WaitReachedAsync("body");
        var second = await t.CreateAsync("limited");

        var other = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(other, "complete");
        Assert.Equal("queued", t.Describe(second).Status);

        Probe.For(first).Open("body");
        Probe.For(second).Open("body");
        await t.WaitForStatusAsync(second, "complete");
    }
}

[Skein.TenantSdk.Workflow("limited", MaxConcurrency = 1)]
internal sealed class Limited : Skein.TenantSdk.Workflow<Empty?, int>
{
    public override async Task<int> RunAsync(Skein.TenantSdk.WorkflowEvent<Empty?> e, Skein.TenantSdk.WorkflowStep step, CancellationToken ct) =>
        await step.Do("wait", async _ =>
        {
            await Probe.For(e.InstanceId).Gate("body");
            return 1;
        });
}
