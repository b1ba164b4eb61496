using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>
/// Schedule operations act on the schedules of the active version as it is now, change nothing on a frozen or
/// stopped tenant, and take effect on the ticks at once.
/// </summary>
public sealed class ScheduleOperationsTests
{
    [Fact]
    public async Task A_frozen_tenant_refuses_to_create_delete_pause_or_resume_a_schedule_and_keeps_them_as_they_were()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("kept", "echo", "*/5 * * * *");
        await t.ScheduleAsync("stopped", "echo", "*/5 * * * *");
        await t.Engine.SetSchedulePausedAsync(t.Runtime(), "stopped", true);
        t.Runtimes.FreezeTenant(TestEngine.Tenant);

        await Assert.ThrowsAsync<TenantFrozenException>(() => t.ScheduleAsync("new", "echo", "*/5 * * * *"));
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.Engine.DeleteScheduleAsync(t.Runtime(), "kept"));
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.Engine.SetSchedulePausedAsync(t.Runtime(), "kept", true));
        await Assert.ThrowsAsync<TenantFrozenException>(() => t.Engine.SetSchedulePausedAsync(t.Runtime(), "stopped", false));

        t.Runtimes.UnfreezeTenant(TestEngine.Tenant);
        var listed = await t.Engine.ListSchedulesAsync(t.Runtime());
        Assert.Equal([("kept", false), ("stopped", true)], listed.Select(s => (s.Row.Id, s.Row.Paused)));
    }

    [Fact]
    public async Task A_schedule_request_on_a_runtime_stopped_for_a_restore_is_told_to_retry_whatever_it_asked_for()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        var stopped = t.Runtime();
        t.Runtimes.QuiesceTenant(TestEngine.Tenant);

        await Assert.ThrowsAsync<TenantUnavailableException>(() =>
            t.Engine.CreateScheduleAsync(stopped, new NewSchedule("s", "nope", "* * * * *", null, null, null)));
        t.Runtimes.ReopenTenant(TestEngine.Tenant);
    }

    [Fact]
    public async Task Every_schedule_operation_sees_the_attribute_schedules_of_the_version_active_now()
    {
        // Version 1 declares no schedule, version 2 declares "nightly"; the switches below tell the runtime nothing,
        // as when a tenant's active version was set while its runtime was not open.
        var versions = new VersionSwitchResolver([typeof(NightlyV2)], [typeof(NightlyV1)]);
        using var t = new TestEngine(new EngineOptions(), _ => versions);
        Assert.Empty(await t.Engine.ListSchedulesAsync(t.Runtime()));
        await t.WaitUntilIdleAsync();

        versions.Active = 2;
        var taken = await Assert.ThrowsAsync<ConflictException>(() => t.ScheduleAsync("nightly", "nightly", "*/5 * * * *"));
        Assert.Equal("Schedule 'nightly' exists with a different definition (workflow \"nightly\", cron \"0 2 * * *\", " +
            "time zone \"Europe/Berlin\", overlap \"allow\", source attribute); delete it first or use another id.", taken.Message);

        versions.Active = 1;
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.GetScheduleAsync(t.Runtime(), "nightly"));

        versions.Active = 2;
        Assert.True((await t.Engine.SetSchedulePausedAsync(t.Runtime(), "nightly", true)).Row.Paused);

        versions.Active = 1;
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.DeleteScheduleAsync(t.Runtime(), "nightly"));
    }

    [Fact]
    public async Task A_schedule_paused_before_a_restart_ticks_again_once_resumed()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "*/5 * * * *");
        await t.Engine.SetSchedulePausedAsync(t.Runtime(), "s", true);
        t.Restart();
        await t.WaitUntilIdleAsync();

        await t.Engine.SetSchedulePausedAsync(t.Runtime(), "s", false);
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));

        Assert.Equal(["s-20260101T000500"], t.InstanceIds());
    }
}
