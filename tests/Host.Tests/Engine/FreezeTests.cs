using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A frozen tenant (DESIGN §7, the host's side of a move) runs nothing: its running attempt is cancelled as a restore
/// cancels it, its timers do not fire, nothing new is accepted; unfreezing resumes it as a restart does.
/// </summary>
public sealed class FreezeTests
{
    [Fact]
    public async Task A_step_in_flight_when_the_tenant_freezes_is_cancelled_and_runs_again_once_after_the_unfreeze_uncharged()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        Assert.True(t.Runtimes.FreezeTenant(TestEngine.Tenant));
        await Eventually.Until(() => probe.Count("cancelled"), n => n == 1, "the running attempt to be cancelled by the freeze");
        probe.Open("body");
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        Assert.True(runtime.IsFrozen);
        Assert.Equal(0, runtime.ActiveActors);
        Assert.Equal("running", t.Describe(id).Status);

        Assert.True(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        await t.WaitForStatusAsync(id, "complete");

        Assert.Equal(1, probe.Count("slow"));
        Assert.Equal(1, probe.Count("done"));
        var slow = t.Describe(id).Steps.Single(s => s.Name == "slow");
        Assert.Equal("complete", slow.Status);
        // Stopped on purpose, not cut off by a crash: the cancelled attempt is not charged to the step.
        var attempt = Assert.Single(slow.Attempts!);
        Assert.Equal((1, true), (attempt.Attempt, attempt.Success));
    }

    [Fact]
    public async Task A_sleep_that_falls_due_while_frozen_does_not_wake_until_the_unfreeze()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");

        t.Runtimes.FreezeTenant(TestEngine.Tenant);
        t.Advance(TimeSpan.FromMinutes(30));

        // A timer that fired would have handed the instance to an actor at once, inside Advance.
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).ActiveActors);
        Assert.Equal("waiting", t.Describe(id).Status);
        Assert.Equal(0, Probe.For(id).Count("after"));

        t.Runtimes.UnfreezeTenant(TestEngine.Tenant);
        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("before"));
        Assert.Equal(1, Probe.For(id).Count("after"));
    }

    [Fact]
    public async Task A_frozen_tenant_stays_frozen_across_a_restart_and_resumes_when_unfrozen()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");
        t.Runtimes.FreezeTenant(TestEngine.Tenant);

        t.Restart();
        t.Advance(TimeSpan.FromMinutes(30));

        Assert.True(t.Runtimes.IsFrozen(TestEngine.Tenant));
        Assert.True(t.Runtimes.Runtime(TestEngine.Tenant).IsFrozen);
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).ActiveActors);
        Assert.Equal("waiting", t.Describe(id).Status);
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.CreateAsync("sleeper", 1));

        Assert.True(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        await t.WaitForStatusAsync(id, "complete");
        t.Restart();
        Assert.False(t.Runtimes.IsFrozen(TestEngine.Tenant));
    }

    [Fact]
    public async Task Creates_events_and_control_on_a_frozen_tenant_are_refused_and_change_nothing()
    {
        using var t = new TestEngine(typeof(Approval));
        var id = await t.CreateAsync("approval", 60);
        await t.WaitForStatusAsync(id, "waiting");
        t.Runtimes.FreezeTenant(TestEngine.Tenant);
        var before = Json(t.Describe(id));

        await Assert.ThrowsAsync<TenantFrozenException>(() => t.CreateAsync("approval", 60, "new-one"));
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"yes\""));
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.Engine.TerminateAsync(TestEngine.Tenant, id));

        Assert.Null(t.Engine.Describe(TestEngine.Tenant, "new-one"));
        Assert.Equal(before, Json(t.Describe(id)));
        Assert.False(t.Runtimes.FreezeTenant(TestEngine.Tenant));
        Assert.True(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        Assert.False(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"yes\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"and yes\"");
        await t.WaitForStatusAsync(id, "complete");
    }

    private static string Json(InstanceDescription description) =>
        System.Text.Json.JsonSerializer.Serialize(description, System.Text.Json.JsonSerializerOptions.Web);
}
