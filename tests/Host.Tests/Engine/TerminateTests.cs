using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class TerminateTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Terminate_cancels_the_running_attempt_records_no_outcome_for_it_and_nothing_after_it_runs(bool rollback)
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        Assert.Equal(InstanceStatus.Terminated, await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback));

        await Eventually.Until(() => probe.Count("cancelled") == 1, "the attempt's token to be cancelled");
        await t.WaitUntilIdleAsync();
        var described = t.Describe(id);
        Assert.Equal("terminated", described.Status);
        Assert.Empty(described.Steps);
        Assert.Equal(0, probe.Count("done"));
    }

    [Fact]
    public async Task Terminate_of_a_finished_instance_is_refused()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        var error = await Assert.ThrowsAsync<ConflictException>(() => t.Engine.TerminateAsync(TestEngine.Tenant, id));
        Assert.Equal(InstanceStatus.Complete, error.Status);
        Assert.Equal("complete", t.Describe(id).Status);
    }

    [Fact]
    public async Task Terminate_of_a_waiting_instance_ends_it_and_its_timer_does_nothing()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");

        await t.Engine.TerminateAsync(TestEngine.Tenant, id);
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(10));

        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("after"));
    }

    [Fact]
    public async Task Terminate_with_rollback_undoes_completed_steps_in_reverse_order()
    {
        using var t = new TestEngine(typeof(Saga));
        var id = "saga-hold-" + Guid.NewGuid().ToString("n");
        Probe.For(id).Variant = 1;
        await t.CreateAsync("saga", id: id);
        await t.WaitForStatusAsync(id, "waiting");

        Assert.Equal(InstanceStatus.Terminated, await t.Engine.TerminateAsync(TestEngine.Tenant, id, rollback: true));

        Assert.Equal(["undo ship SHIP ", "undo charge CHARGE ", "undo reserve RESERVE "], Probe.For(id).Effects);
        Assert.All(t.Describe(id).Steps.Where(s => s.Type == "step"), s => Assert.Equal("complete", s.Rollback!.Status));
    }
}
