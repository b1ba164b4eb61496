using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>
/// <c>[Schedule]</c> schedules follow the active version: registered (id = the workflow's name, source "attribute")
/// when a version declaring them becomes active, removed when a version without them does.
/// </summary>
public sealed class AttributeScheduleTests
{
    [Fact]
    public async Task An_attribute_schedule_ticks_while_its_version_is_active_and_is_removed_when_a_version_without_it_is()
    {
        var versions = new VersionSwitchResolver([typeof(NightlyV1)], [typeof(NightlyV2)]);
        using var t = new TestEngine(new EngineOptions(), _ => versions);

        var listed = Assert.Single(await t.Engine.ListSchedulesAsync(t.Runtime()));
        Assert.Equal(("nightly", "nightly", "0 2 * * *", "Europe/Berlin", ScheduleSource.Attribute),
            (listed.Row.Id, listed.Row.Workflow, listed.Row.Cron, listed.Row.TimeZone, listed.Row.Source));
        // 02:00 in Berlin in winter is 01:00 UTC.
        await t.AdvanceAndSettleAsync(TimeSpan.FromHours(1));
        Assert.Equal(["nightly-20260101T010000"], t.InstanceIds());

        versions.Active = 2;
        t.Runtime().Schedules.ActiveVersionChanged();
        await t.WaitUntilIdleAsync();
        Assert.Empty(await t.Engine.ListSchedulesAsync(t.Runtime()));
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(1));
        Assert.Equal(["nightly-20260101T010000"], t.InstanceIds());

        // Rolling back registers it again; it keeps no memory of the ticks it missed while removed.
        versions.Active = 1;
        Assert.Single(await t.Engine.ListSchedulesAsync(t.Runtime()));
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(1));
        Assert.Equal(["nightly-20260101T010000", "nightly-20260103T010000"], t.InstanceIds());
    }

    [Fact]
    public async Task An_api_schedule_keeps_its_id_against_an_attribute_of_a_later_version()
    {
        var versions = new VersionSwitchResolver([typeof(NightlyV2)], [typeof(NightlyV1)]);
        using var t = new TestEngine(new EngineOptions(), _ => versions);
        await t.ScheduleAsync("nightly", "nightly", "*/5 * * * *");

        versions.Active = 2;
        var listed = Assert.Single(await t.Engine.ListSchedulesAsync(t.Runtime()));

        Assert.Equal((ScheduleSource.Api, "*/5 * * * *"), (listed.Row.Source, listed.Row.Cron));
    }

    [Fact]
    public async Task Attribute_schedules_survive_a_restart_without_being_registered_again()
    {
        var versions = new VersionSwitchResolver([typeof(NightlyV1)]);
        using var t = new TestEngine(new EngineOptions(), _ => versions);
        // A new tenant's active version was set without a deployment (which would tell the runtime): a read syncs it.
        Assert.Single(await t.Engine.ListSchedulesAsync(t.Runtime()));
        await t.AdvanceAndSettleAsync(TimeSpan.FromHours(1));
        Assert.Equal(["nightly-20260101T010000"], t.InstanceIds());

        t.Restart(downtime: TimeSpan.FromMinutes(1));
        await t.WaitUntilIdleAsync();
        await t.AdvanceAndSettleAsync(TimeSpan.FromDays(1));

        Assert.Equal(["nightly-20260101T010000", "nightly-20260102T010000"], t.InstanceIds());
    }
}
