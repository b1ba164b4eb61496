using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Schedules: create-if-absent, pause and resume, a tick's instance and last tick in one write, attribute sync.</summary>
public abstract partial class WorkflowLogConformance
{
    private static ScheduleRow Schedule(string id, ScheduleOverlap overlap = ScheduleOverlap.Allow, ScheduleSource source = ScheduleSource.Api) =>
        new(id, "w", "* * * * *", "UTC", null, overlap, false, source, 1_000);

    [Fact]
    public async Task A_schedule_is_created_once_and_a_full_log_refuses_another()
    {
        Assert.True((await Log.CreateScheduleAsync(Schedule("a"), 2)).Created);
        var again = await Log.CreateScheduleAsync(Schedule("a") with { Cron = "0 * * * *" }, 2);
        Assert.Equal((false, "* * * * *"), (again.Created, again.Existing?.Cron));
        Assert.True((await Log.CreateScheduleAsync(Schedule("b"), 2)).Created);

        var full = await Log.CreateScheduleAsync(Schedule("c"), 2);

        Assert.True(full.LimitReached);
        Assert.Equal(["a", "b"], Reopen().ListSchedules().Select(s => s.Id));
    }

    [Fact]
    public async Task A_tick_creates_its_instance_and_records_itself_together_and_is_taken_once()
    {
        await Log.CreateScheduleAsync(Schedule("s"), 10);

        var first = await Log.TickScheduleAsync("s", 60_000, new NewInstance("s-1", "w", 1, "null", 60_005));
        var again = await Log.TickScheduleAsync("s", 60_000, new NewInstance("s-1", "w", 1, "null", 60_009));
        var earlier = await Log.TickScheduleAsync("s", 30_000, new NewInstance("s-0", "w", 1, "null", 60_009));

        Assert.Equal((ScheduleTickKind.Created, ScheduleTickKind.AlreadyTaken, ScheduleTickKind.AlreadyTaken), (first.Kind, again.Kind, earlier.Kind));
        var reopened = Reopen();
        Assert.Equal((60_000L, "s-1"), (reopened.FindSchedule("s")!.LastTick, reopened.FindSchedule("s")!.LastInstanceId));
        Assert.Equal(60_005, reopened.FindInstance("s-1")!.CreatedAt);
        Assert.Equal(60_000, reopened.FindScheduleTick("s-1"));
        Assert.Null(reopened.FindInstance("s-0"));
    }

    [Fact]
    public async Task A_crash_copy_holds_a_tick_with_its_instance_or_neither()
    {
        await Log.CreateScheduleAsync(Schedule("s"), 10);
        await Log.TickScheduleAsync("s", 60_000, new NewInstance("s-1", "w", 1, "null", 60_000));

        using var copy = OpenCrashCopy();

        Assert.Equal((60_000L, InstanceStatus.Queued), (copy.FindSchedule("s")!.LastTick, copy.FindInstance("s-1")!.Status));
    }

    [Fact]
    public async Task Overlap_skip_takes_the_tick_without_an_instance_while_the_previous_one_is_unfinished()
    {
        await Log.CreateScheduleAsync(Schedule("s", ScheduleOverlap.Skip), 10);
        await Log.TickScheduleAsync("s", 60_000, new NewInstance("s-1", "w", 1, "null", 60_000));

        var skipped = await Log.TickScheduleAsync("s", 120_000, new NewInstance("s-2", "w", 1, "null", 120_000));
        await Log.FinishAsync("s-1", 1, InstanceStatus.Complete, "1", null, null, 130_000);
        var ran = await Log.TickScheduleAsync("s", 180_000, new NewInstance("s-3", "w", 1, "null", 180_000));

        Assert.Equal((ScheduleTickKind.SkippedOverlap, ScheduleTickKind.Created), (skipped.Kind, ran.Kind));
        Assert.Null(Log.FindInstance("s-2"));
        Assert.Equal((180_000L, "s-3"), (Log.FindSchedule("s")!.LastTick, Log.FindSchedule("s")!.LastInstanceId));
    }

    [Fact]
    public async Task A_paused_or_deleted_schedule_takes_no_tick_and_a_resume_records_its_time()
    {
        await Log.CreateScheduleAsync(Schedule("s"), 10);
        Assert.True((await Log.SetSchedulePausedAsync("s", true, 2_000))!.Paused);

        Assert.Equal(ScheduleTickKind.NotDue, (await Log.TickScheduleAsync("s", 60_000, new NewInstance("s-1", "w", 1, "null", 60_000))).Kind);
        var resumed = await Log.SetSchedulePausedAsync("s", false, 90_000);
        Assert.Equal((false, 90_000L, 90_000L), (resumed!.Paused, resumed.ResumedAt, resumed.TicksAfter));
        Assert.True(await Log.DeleteScheduleAsync("s"));
        Assert.Equal(ScheduleTickKind.NotDue, (await Log.TickScheduleAsync("s", 120_000, new NewInstance("s-2", "w", 1, "null", 120_000))).Kind);

        Assert.Null(Log.FindInstance("s-1"));
        Assert.Null(Log.FindInstance("s-2"));
        Assert.Null(await Log.SetSchedulePausedAsync("s", true, 130_000));
        Assert.False(await Log.DeleteScheduleAsync("s"));
    }

    [Fact]
    public async Task Syncing_attribute_schedules_replaces_the_previous_versions_and_leaves_api_schedules_alone()
    {
        await Log.CreateScheduleAsync(Schedule("api"), 10);
        Assert.Null(Log.AttributeSchedulesVersion());
        await Log.SyncAttributeSchedulesAsync(1, [Schedule("old", source: ScheduleSource.Attribute), Schedule("kept", source: ScheduleSource.Attribute)]);
        await Log.TickScheduleAsync("kept", 60_000, new NewInstance("kept-1", "w", 1, "null", 60_000));

        var heldByApi = await Log.SyncAttributeSchedulesAsync(2, [
            Schedule("kept", source: ScheduleSource.Attribute) with { Cron = "0 * * * *" },
            Schedule("api", source: ScheduleSource.Attribute)]);

        Assert.Equal(["api"], heldByApi);
        Assert.Equal(2, Log.AttributeSchedulesVersion());
        Assert.Equal([("api", ScheduleSource.Api, "* * * * *", (long?)null), ("kept", ScheduleSource.Attribute, "0 * * * *", 60_000L)],
            Log.ListSchedules().Select(s => (s.Id, s.Source, s.Cron, s.LastTick)));
    }
}
