using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A schedule's ticks as the log records them: the tick a skip takes, a tick taken twice, a tick whose instance an
/// earlier log already holds, the entry a tick's instance starts its history with, and what a schedule keeps of its
/// definition and state.
/// </summary>
public sealed class TenantLogScheduleTickTests : IDisposable
{
    private readonly LogInTempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task A_tick_skipped_for_overlap_is_taken_and_not_skipped_again()
    {
        await _temp.Log.CreateScheduleAsync(Schedule("s", ScheduleOverlap.Skip), 10);
        await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_000));

        var skipped = await _temp.Log.TickScheduleAsync("s", 120_000, Tick("s-2", 120_000));
        var again = await _temp.Log.TickScheduleAsync("s", 120_000, Tick("s-2", 120_001));

        Assert.Equal((ScheduleTickKind.SkippedOverlap, ScheduleTickKind.AlreadyTaken), (skipped.Kind, again.Kind));
        var schedule = _temp.Log.FindSchedule("s")!;
        // The skipped tick has no instance: the last instance is still the one the skip waited for.
        Assert.Equal((120_000L, "s-1", 120_000L), (schedule.LastTick, schedule.LastInstanceId, schedule.TicksAfter));
    }

    [Fact]
    public async Task The_last_tick_taken_again_is_already_taken_even_while_its_instance_runs_under_overlap_skip()
    {
        await _temp.Log.CreateScheduleAsync(Schedule("s", ScheduleOverlap.Skip), 10);
        Assert.Equal(ScheduleTickKind.Created, (await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_000))).Kind);

        Assert.Equal(ScheduleTickKind.AlreadyTaken, (await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_002))).Kind);
    }

    [Fact]
    public async Task A_tick_whose_instance_the_log_already_holds_is_taken_without_a_second_instance()
    {
        await _temp.Log.CreateScheduleAsync(Schedule("s"), 10);
        await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_005));
        // Created again under its id, the schedule has no last tick, but the log keeps the instance of its old tick.
        Assert.True(await _temp.Log.DeleteScheduleAsync("s"));
        await _temp.Log.CreateScheduleAsync(Schedule("s"), 10);

        var outcome = await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_009));

        Assert.Equal(ScheduleTickKind.AlreadyTaken, outcome.Kind);
        Assert.Equal((60_000L, "s-1"), (_temp.Log.FindSchedule("s")!.LastTick, _temp.Log.FindSchedule("s")!.LastInstanceId));
        Assert.Equal(60_005, _temp.Log.FindInstance("s-1")!.CreatedAt);
    }

    [Fact]
    public async Task A_ticks_instance_starts_its_history_queued_with_its_workflow_version_and_schedule()
    {
        await _temp.Log.CreateScheduleAsync(Schedule("s"), 10);

        await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_005));

        var entry = Assert.Single(_temp.Log.ReadHistory("s-1", 0));
        Assert.Equal(("status", 60_005L), (entry.Kind, entry.At));
        Assert.Equal("""{"status":"queued","workflow":"w","version":1,"schedule":"s"}""", entry.Data);
    }

    [Fact]
    public async Task An_instance_no_schedule_started_has_no_tick_and_an_unknown_one_has_none_either()
    {
        await _temp.Log.CreateInstanceAsync(new NewInstance("plain", "w", 1, "null", 5));

        Assert.Null(_temp.Log.FindScheduleTick("plain"));
        Assert.Null(_temp.Log.FindScheduleTick("unknown"));
    }

    [Fact]
    public async Task A_schedule_refused_for_the_limit_is_not_created()
    {
        await _temp.Log.CreateScheduleAsync(Schedule("a"), 1);

        var full = await _temp.Log.CreateScheduleAsync(Schedule("b"), 1);

        Assert.Equal(new SchedulePutOutcome(null, false, true), full);
        Assert.Null(_temp.Log.FindSchedule("b"));
    }

    [Fact]
    public async Task A_schedule_created_paused_is_kept_paused_and_takes_no_tick()
    {
        Assert.True((await _temp.Log.CreateScheduleAsync(Schedule("s") with { Paused = true }, 10)).Created);

        Assert.True(_temp.Log.FindSchedule("s")!.Paused);
        Assert.Equal(ScheduleTickKind.NotDue, (await _temp.Log.TickScheduleAsync("s", 60_000, Tick("s-1", 60_000))).Kind);
    }

    [Fact]
    public async Task An_attribute_schedule_redeclared_for_another_workflow_runs_that_workflow()
    {
        var declared = Schedule("s", source: ScheduleSource.Attribute);
        await _temp.Log.SyncAttributeSchedulesAsync(1, [declared]);

        await _temp.Log.SyncAttributeSchedulesAsync(2, [declared with { Workflow = "w2" }]);

        Assert.Equal("w2", _temp.Log.FindSchedule("s")!.Workflow);
    }

    [Theory]
    [InlineData("overlap", "Unknown schedule overlap 'sometimes' in the log.")]
    [InlineData("source", "Unknown schedule source 'sometimes' in the log.")]
    public async Task A_schedule_the_log_holds_with_a_value_this_build_does_not_know_is_refused_naming_it(string column, string message)
    {
        await _temp.Log.CreateScheduleAsync(Schedule("s"), 10);
        using (var connection = SqliteDatabase.OpenPrivate(_temp.Path))
        {
            SqliteDatabase.Execute(connection, $"UPDATE schedules SET {column} = 'sometimes'");
        }

        Assert.Equal(message, Assert.Throws<InvalidDataException>(() => _temp.Log.ListSchedules()).Message);
    }

    [Fact]
    public void Ticks_are_due_after_the_latest_of_the_last_tick_the_creation_and_the_resume()
    {
        var created = Schedule("s");

        Assert.Equal(1_000, created.TicksAfter);
        Assert.Equal(60_000, (created with { LastTick = 60_000 }).TicksAfter);
        Assert.Equal(90_000, (created with { LastTick = 60_000, ResumedAt = 90_000 }).TicksAfter);
        Assert.Equal(60_000, (created with { LastTick = 60_000, ResumedAt = 30_000 }).TicksAfter);
    }

    private static ScheduleRow Schedule(string id, ScheduleOverlap overlap = ScheduleOverlap.Allow, ScheduleSource source = ScheduleSource.Api) =>
        new(id, "w", "* * * * *", "UTC", null, overlap, false, source, 1_000);

    private static NewInstance Tick(string id, long createdAt) => new(id, "w", 1, "null", createdAt);
}
