using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class PauseResumeTests
{
    [Fact]
    public async Task Pause_while_a_step_runs_waits_for_the_step_then_pauses_and_resume_completes()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        Assert.Equal(InstanceStatus.WaitingForPause, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        Assert.Equal("waitingForPause", t.Describe(id).Status);
        probe.Open("body");

        await t.WaitForStatusAsync(id, "paused");
        await t.WaitUntilIdleAsync();
        var described = t.Describe(id);
        Assert.Equal("complete", Assert.Single(described.Steps).Status);
        Assert.Equal(0, probe.Count("done"));

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("slow"));
        Assert.Equal(1, probe.Count("done"));
    }

    [Fact]
    public async Task Pause_during_a_sleep_holds_the_instance_past_its_wake_time_until_resumed()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");
        // Once the execution has left (or parked): a pause that meets it still running answers waitingForPause.
        await t.WaitUntilIdleAsync();

        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, id));
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("paused", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("after"));

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("after"));
    }

    [Fact]
    public async Task Pause_during_an_event_wait_keeps_the_event_for_after_resume()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        await t.WaitForStatusAsync(id, "waiting");

        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"gina\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"hank\"");
        await t.WaitUntilIdleAsync();
        Assert.Equal("paused", t.Describe(id).Status);

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal("gina,hank", t.Describe(id).Output!.GetValue<string>());
    }

    [Fact]
    public async Task Resume_before_the_pause_took_effect_carries_on()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        await t.Engine.PauseAsync(TestEngine.Tenant, id);
        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        probe.Open("body");

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("slow"));
    }

    [Fact]
    public async Task A_paused_instance_stays_paused_across_an_engine_restart()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 5);
        await t.WaitForStatusAsync(id, "waiting");
        await t.WaitUntilIdleAsync();
        Assert.Equal(InstanceStatus.Paused, await t.Engine.PauseAsync(TestEngine.Tenant, id));

        t.Restart();
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(10));
        Assert.Equal("paused", t.Describe(id).Status);

        await t.Engine.ResumeAsync(TestEngine.Tenant, id);
        await t.WaitForStatusAsync(id, "complete");
    }

    [Fact]
    public async Task Pause_and_resume_of_a_finished_instance_are_conflicts()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var id = await t.CreateAsync("three-steps");
        await t.WaitForStatusAsync(id, "complete");

        await Assert.ThrowsAsync<Skein.Host.Engine.ConflictException>(() => t.Engine.PauseAsync(TestEngine.Tenant, id));
        await Assert.ThrowsAsync<Skein.Host.Engine.ConflictException>(() => t.Engine.ResumeAsync(TestEngine.Tenant, id));
    }
}
