using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>
/// Cron schedules tick on the engine's clock (fake time here): each tick creates the instance
/// <c>{scheduleId}-{yyyyMMddTHHmmss}</c> of its UTC time, daylight-saving transitions as Cronos reads them, only the
/// latest of the ticks missed while the node was down, overlap "skip", pause and resume.
/// </summary>
public sealed class ScheduleTickTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Ticks_across_the_spring_forward_in_New_York_run_the_skipped_time_when_the_clocks_resume()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        t.Time.SetUtcNow(new DateTimeOffset(2026, 3, 7, 0, 0, 0, TimeSpan.Zero));
        await t.ScheduleAsync("dst", "echo", "30 2 * * *", "America/New_York");

        await t.WalkAsync(new DateTimeOffset(2026, 3, 9, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromHours(1));

        // 02:30 EST = 07:30Z; on March 8 02:30 does not exist (02:00 EST → 03:00 EDT): it runs at 03:00 EDT = 07:00Z;
        // then 02:30 EDT = 06:30Z.
        Assert.Equal(["dst-20260307T073000", "dst-20260308T070000", "dst-20260309T063000"], t.InstanceIds());
    }

    [Fact]
    public async Task Ticks_across_the_fall_back_in_New_York_run_a_fixed_time_once_and_an_interval_in_both_passes()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        t.Time.SetUtcNow(new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero));
        await t.ScheduleAsync("once", "echo", "30 1 * * *", "America/New_York");
        await t.ScheduleAsync("both", "echo", "*/30 1 * * *", "America/New_York");

        await t.WalkAsync(new DateTimeOffset(2026, 11, 2, 7, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(10));

        // 01:00–01:59 happens twice on November 1 (EDT = UTC−4, then EST = UTC−5).
        Assert.Equal(["once-20261101T053000", "once-20261102T063000"], t.InstanceIds().Where(id => id.StartsWith("once-", StringComparison.Ordinal)));
        Assert.Equal(
            ["both-20261101T050000", "both-20261101T053000", "both-20261101T060000", "both-20261101T063000", "both-20261102T060000", "both-20261102T063000"],
            t.InstanceIds().Where(id => id.StartsWith("both-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_tick_gives_the_workflow_its_time_as_WorkflowEvent_Schedule_and_other_starts_get_null()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "*/5 * * * *");
        var plain = await t.CreateAsync("echo");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));

        await t.WaitForStatusAsync("s-20260101T000500", "complete");
        Assert.Equal("2026-01-01T00:05:00.0000000+00:00", t.Describe("s-20260101T000500").Output?.GetValue<string>());
        await t.WaitForStatusAsync(plain, "complete");
        Assert.Null(t.Describe(plain).Output);
    }

    [Fact]
    public async Task After_downtime_only_the_latest_missed_tick_runs_and_ticking_goes_on()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "*/5 * * * *");

        t.Restart(downtime: TimeSpan.FromMinutes(62));
        await t.WaitUntilIdleAsync();

        Assert.Equal(["s-20260101T010000"], t.InstanceIds());
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(["s-20260101T010000", "s-20260101T010500"], t.InstanceIds());
        Assert.Equal(Start.AddMinutes(65).ToUnixTimeMilliseconds(), (await t.Engine.GetScheduleAsync(t.Runtime(), "s")).Row.LastTick);
    }

    [Fact]
    public async Task A_restart_right_after_a_tick_does_not_take_it_again()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "*/5 * * * *");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));
        Assert.Equal(["s-20260101T000500"], t.InstanceIds());

        t.Restart(downtime: TimeSpan.FromMinutes(1));
        await t.WaitUntilIdleAsync();
        Assert.Equal(["s-20260101T000500"], t.InstanceIds());
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(4));

        Assert.Equal(["s-20260101T000500", "s-20260101T001000"], t.InstanceIds());
    }

    [Fact]
    public async Task Overlap_skip_takes_no_tick_while_the_previous_instance_is_unfinished_and_allow_takes_each()
    {
        using var t = new TestEngine(typeof(ScheduledWaiter));
        await t.ScheduleAsync("skip", "waiter", "* * * * *", overlap: "skip");
        await t.ScheduleAsync("allow", "waiter", "* * * * *");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["skip-20260101T000100"], t.InstanceIds().Where(id => id.StartsWith("skip-", StringComparison.Ordinal)));
        Assert.Equal(["allow-20260101T000100", "allow-20260101T000200"], t.InstanceIds().Where(id => id.StartsWith("allow-", StringComparison.Ordinal)));

        await t.Engine.SendEventAsync(TestEngine.Tenant, "skip-20260101T000100", "go", "null");
        await t.WaitForStatusAsync("skip-20260101T000100", "complete");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(["skip-20260101T000100", "skip-20260101T000300"], t.InstanceIds().Where(id => id.StartsWith("skip-", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_paused_schedule_takes_no_tick_and_a_resumed_one_does_not_make_up_the_paused_ones()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "* * * * *");
        var paused = await t.Engine.SetSchedulePausedAsync(t.Runtime(), "s", paused: true);
        Assert.True(paused.Row.Paused);
        Assert.Null(paused.NextTick);

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(5));
        Assert.Empty(t.InstanceIds());

        var resumed = await t.Engine.SetSchedulePausedAsync(t.Runtime(), "s", paused: false);
        await t.WaitUntilIdleAsync();
        Assert.Empty(t.InstanceIds());
        Assert.Equal(Start.AddMinutes(6).ToUnixTimeMilliseconds(), resumed.NextTick);

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(["s-20260101T000600"], t.InstanceIds());
    }

    [Fact]
    public async Task A_frozen_tenant_takes_no_tick_and_takes_the_latest_missed_one_when_unfrozen()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "* * * * *");
        Assert.True(t.Runtimes.FreezeTenant(TestEngine.Tenant));

        t.Advance(TimeSpan.FromMinutes(3));
        await t.WaitUntilIdleAsync();
        Assert.Empty(t.InstanceIds());

        Assert.True(t.Runtimes.UnfreezeTenant(TestEngine.Tenant));
        await t.WaitUntilIdleAsync();
        Assert.Equal(["s-20260101T000300"], t.InstanceIds());
    }

    [Fact]
    public async Task A_deleted_schedule_takes_no_more_ticks_and_its_instances_stay()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "* * * * *");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));

        await t.Engine.DeleteScheduleAsync(t.Runtime(), "s");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(["s-20260101T000100"], t.InstanceIds());
        await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.GetScheduleAsync(t.Runtime(), "s"));
    }
}
