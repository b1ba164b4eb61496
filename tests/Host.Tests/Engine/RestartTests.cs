using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class RestartTests
{
    [Fact]
    public async Task Restart_of_a_complete_instance_runs_it_again_from_the_start()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        await t.Engine.RestartAsync(TestEngine.Tenant, id);
        await t.WaitForAsync(id, s => s == "complete" && Probe.For(id).Count("c") == 2, "complete twice");

        Assert.Equal(["a", "b", "c", "a", "b", "c"], Probe.For(id).Effects);
        Assert.Equal(3, t.Describe(id).Steps.Count);
    }

    [Fact]
    public async Task Restart_from_a_named_step_keeps_earlier_results_and_reruns_the_rest()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        await t.Engine.RestartAsync(TestEngine.Tenant, id, "b");
        await t.WaitForAsync(id, s => s == "complete" && Probe.For(id).Count("c") == 2, "complete twice");

        Assert.Equal(["a", "b", "c", "b", "c"], Probe.For(id).Effects);
        Assert.Equal("ABC", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task Restart_from_a_step_that_is_not_in_the_log_is_refused()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => t.Engine.RestartAsync(TestEngine.Tenant, id, "zzz"));
        Assert.Contains("\"a\" #1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_of_an_errored_instance_runs_it_again()
    {
        using var t = new TestEngine(typeof(Flaky));
        var id = await Flaky.StartAsync(t, "restart-errored", failures: 1, new RetryParams(0, 0, Skein.TenantSdk.Backoff.Constant));
        await t.WaitForStatusAsync(id, "errored");

        await t.Engine.RestartAsync(TestEngine.Tenant, id);

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("ok", t.Describe(id).Output!.GetValue<string>());
        Assert.Null(t.Describe(id).Error);
    }

    [Fact]
    public async Task Restart_of_a_terminated_instance_runs_it_again()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");
        await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        await t.Engine.RestartAsync(TestEngine.Tenant, id);
        await t.WaitForAsync(id, s => s == "waiting" && Probe.For(id).Count("before") == 2, "waiting again");
        t.Advance(TimeSpan.FromMinutes(5));

        await t.WaitForStatusAsync(id, "complete");
    }

    [Fact]
    public async Task Restart_of_a_running_instance_abandons_the_running_attempt()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        await t.Engine.RestartAsync(TestEngine.Tenant, id);
        await Eventually.Until(() => probe.Count("cancelled") == 1, "the first attempt to be cancelled");
        probe.Open("body");

        await t.WaitForStatusAsync(id, "complete");
        var step = t.Describe(id).Steps.Single(s => s.Name == "slow");
        Assert.Single(step.Attempts!);
        Assert.Equal(1, probe.Count("done"));
    }

    [Fact]
    public async Task Restart_of_a_paused_instance_runs_it_again()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();
        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        await t.Engine.RestartAsync(TestEngine.Tenant, id, "nap");
        await t.WaitForAsync(id, s => s == "waiting", "waiting again");
        t.Advance(TimeSpan.FromMinutes(5));

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("before"));
    }
}
