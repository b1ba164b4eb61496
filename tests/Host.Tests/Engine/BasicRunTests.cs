using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class BasicRunTests
{
    [Fact]
    public async Task Instance_runs_every_step_once_and_completes_with_its_output()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");

        await t.WaitForStatusAsync(id, "complete");

        var described = t.Describe(id);
        Assert.Equal("ABC", described.Output!.GetValue<string>());
        Assert.Equal(["a", "b", "c"], described.Steps.Select(s => s.Name));
        Assert.All(described.Steps, s => Assert.Equal("complete", s.Status));
        Assert.All(described.Steps, s => Assert.Single(s.Attempts!));
        Assert.Equal(["a", "b", "c"], Probe.For(id).Effects);
        Assert.NotNull(described.StartedAt);
        Assert.NotNull(described.EndedAt);
    }

    [Fact]
    public async Task Creating_the_same_id_twice_returns_the_existing_instance_and_runs_it_once()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = "order-" + Guid.NewGuid().ToString("n");

        var first = await t.Engine.CreateAsync(TestEngine.Tenant, "three-steps", id, null);
        var second = await t.Engine.CreateAsync(TestEngine.Tenant, "three-steps", id, null);
        await t.WaitForStatusAsync(id, "complete");

        Assert.True(first.Created);
        Assert.False(second.Created);
        Assert.Equal(1, Probe.For(id).Count("a"));
    }

    [Fact]
    public async Task Creating_the_id_of_a_running_instance_again_leaves_the_run_where_a_terminate_reaches_it()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        var again = await t.Engine.CreateAsync(TestEngine.Tenant, "gated", id, null);
        await t.Engine.TerminateAsync(TestEngine.Tenant, id);

        Assert.False(again.Created);
        await Eventually.Until(() => probe.Count("cancelled") == 1, "the running attempt to be cancelled by the terminate");
        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, probe.Count("slow"));
    }

    [Fact]
    public async Task An_id_taken_by_another_workflow_is_a_conflict()
    {
        using var t = new TestEngine(typeof(ThreeSteps), typeof(Sleeper));
        var id = "shared-" + Guid.NewGuid().ToString("n");
        await t.CreateAsync("three-steps", id: id);

        await Assert.ThrowsAsync<ConflictException>(() => t.CreateAsync("sleeper", 1, id));
    }

    [Theory]
    [InlineData("-starts-with-dash")]
    [InlineData("has space")]
    [InlineData("../etc")]
    [InlineData("")]
    public async Task Invalid_instance_ids_are_refused_and_create_nothing(string id)
    {
        using var t = new TestEngine(typeof(ThreeSteps));

        await Assert.ThrowsAsync<InvalidRequestException>(() => t.CreateAsync("three-steps", id: id));

        Assert.Empty(t.Engine.List(TestEngine.Tenant, new Skein.Host.Storage.InstanceQuery(null, null, 10, null)).Items);
    }

    [Fact]
    public async Task Unknown_workflow_is_not_found()
    {
        using var t = new TestEngine(typeof(ThreeSteps));

        await Assert.ThrowsAsync<NotFoundException>(() => t.CreateAsync("nope"));
    }

    [Fact]
    public async Task Params_that_do_not_fit_the_workflow_are_refused()
    {
        using var t = new TestEngine(typeof(Sleeper));

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() =>
            t.Engine.CreateAsync(TestEngine.Tenant, "sleeper", null, "{\"not\":\"an int\"}"));
        Assert.Contains("Int32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parallel_steps_with_WhenAll_each_run_once_and_get_their_own_count()
    {
        using var t = new TestEngine(typeof(FanOut));
        var id = await t.CreateAsync("fan-out", 5);

        await t.WaitForStatusAsync(id, "complete");

        var described = t.Describe(id);
        Assert.Equal(0 + 1 + 4 + 9 + 16, described.Output!.GetValue<int>());
        Assert.Equal([1, 2, 3, 4, 5], described.Steps.Where(s => s.Name == "part").Select(s => s.Count).Order());
        Assert.Equal(5, Probe.For(id).Effects.Count);
    }
}
