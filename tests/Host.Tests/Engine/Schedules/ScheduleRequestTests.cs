using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>A schedule request is refused with the field to blame, and a refused request creates nothing.</summary>
public sealed class ScheduleRequestTests
{
    [Theory]
    [InlineData("61 * * * *", "cron", "Minutes")]
    [InlineData("* 25 * * *", "cron", "Hours")]
    [InlineData("* * * 13 *", "cron", "Months")]
    [InlineData("* * *", "cron", "has 3 fields")]
    [InlineData("* * * * * * *", "cron", "has 7 fields")]
    public async Task A_bad_cron_expression_is_refused_naming_the_field_of_the_expression(string cron, string field, string says)
    {
        using var t = new TestEngine(typeof(ScheduledEcho));

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync("s", "echo", cron));

        Assert.Equal(field, error.Field);
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
        Assert.Empty(await t.Engine.ListSchedulesAsync(t.Runtime()));
    }

    [Fact]
    public async Task Each_bad_field_is_named()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 100 }, typeof(ScheduledEcho));

        Assert.Equal("timeZone", (await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync("s", "echo", "* * * * *", "Mars/Olympus"))).Field);
        Assert.Equal("id", (await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync(new string('a', 85), "echo", "* * * * *"))).Field);
        Assert.Equal("id", (await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync("-s", "echo", "* * * * *"))).Field);
        Assert.Equal("workflow", (await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync("s", "nope", "* * * * *"))).Field);
        Assert.Equal("overlap", (await Assert.ThrowsAsync<InvalidRequestException>(() => t.ScheduleAsync("s", "echo", "* * * * *", overlap: "sometimes"))).Field);
        Assert.Equal("params", (await Assert.ThrowsAsync<InvalidRequestException>(
            () => t.ScheduleAsync("s", "echo", "* * * * *", paramsJson: $"\"{new string('x', 200)}\""))).Field);
        Assert.Empty(await t.Engine.ListSchedulesAsync(t.Runtime()));

        // The longest id whose tick ids are valid instance ids is accepted.
        var longest = new string('a', 84);
        await t.ScheduleAsync(longest, "echo", "* * * * *");
        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal([longest + "-20260101T000100"], t.InstanceIds());
    }

    [Fact]
    public async Task The_same_request_again_returns_the_schedule_and_a_different_one_for_its_id_conflicts()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));

        Assert.True((await t.ScheduleAsync("s", "echo", "*/5 * * * *", paramsJson: "{\"a\": 1}")).Created);
        var again = await t.ScheduleAsync("s", "echo", "*/5 * * * *", paramsJson: "{ \"a\":1 }");
        Assert.False(again.Created);
        Assert.Equal("{\"a\":1}", again.Schedule.Row.Params);

        await Assert.ThrowsAsync<ConflictException>(() => t.ScheduleAsync("s", "echo", "*/10 * * * *"));
        Assert.Equal("*/5 * * * *", (await t.Engine.GetScheduleAsync(t.Runtime(), "s")).Row.Cron);
    }

    [Fact]
    public async Task A_tenant_holds_at_most_the_limit_of_schedules()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        for (var i = 0; i < TenantSchedules.MaxPerTenant; i++)
        {
            await t.ScheduleAsync($"s{i}", "echo", "0 0 1 1 *");
        }

        var refused = await Assert.ThrowsAsync<ConflictException>(() => t.ScheduleAsync("one-more", "echo", "0 0 1 1 *"));
        Assert.Contains("1000 schedules", refused.Message, StringComparison.Ordinal);
        Assert.Equal(TenantSchedules.MaxPerTenant, (await t.Engine.ListSchedulesAsync(t.Runtime())).Count);
    }

    [Fact]
    public async Task Each_refusal_says_what_was_wrong_and_what_would_be_accepted()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 100 }, typeof(ScheduledEcho), typeof(Big));

        Assert.Equal($"'-s' is not a valid schedule id: {ScheduleTicks.IdRule}.", (await Refused("-s", "echo", "* * * * *")).Message);
        foreach (var cron in new[] { null, "" })
        {
            var noCron = await Refused("s", "echo", cron);
            Assert.Equal(("cron", "'cron' is required: a cron expression of 5 or 6 fields, such as \"*/5 * * * *\"."), (noCron.Field, noCron.Message));
        }

        Assert.Equal("'overlap' is \"sometimes\"; use \"allow\" (the default) or \"skip\".", (await Refused("s", "echo", "* * * * *", overlap: "sometimes")).Message);
        Assert.Equal("Tenant 't1' has no workflow \"nope\" in its active version; 'workflow' must name one.", (await Refused("s", "nope", "* * * * *")).Message);
        Assert.Equal("'params' are larger than the tenant's limit of 100 bytes.",
            (await Refused("s", "echo", "* * * * *", paramsJson: $"\"{new string('x', 99)}\"")).Message);
        var wrongType = await Refused("s", "big", "* * * * *", paramsJson: "\"one\"");
        Assert.Equal("params", wrongType.Field);
        Assert.StartsWith("'params' are not valid for Int32: ", wrongType.Message, StringComparison.Ordinal);
        Assert.Empty(await t.Engine.ListSchedulesAsync(t.Runtime()));

        Task<InvalidRequestException> Refused(string id, string workflow, string? cron, string? overlap = null, string? paramsJson = null) =>
            Assert.ThrowsAsync<InvalidRequestException>(() =>
                t.Engine.CreateScheduleAsync(t.Runtime(), new NewSchedule(id, workflow, cron, null, paramsJson, overlap)));
    }

    [Fact]
    public async Task Params_of_exactly_the_limit_and_an_explicit_allow_overlap_are_accepted()
    {
        using var t = new TestEngine(new EngineOptions { MaxPayloadBytes = 100 }, typeof(ScheduledEcho));
        var atLimit = $"\"{new string('x', 98)}\"";

        var created = await t.ScheduleAsync("s", "echo", "* * * * *", overlap: "allow", paramsJson: atLimit);

        Assert.Equal((atLimit, ScheduleOverlap.Allow), (created.Schedule.Row.Params, created.Schedule.Row.Overlap));
    }

    [Fact]
    public async Task A_conflicting_request_is_told_the_definition_that_holds_the_id()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        await t.ScheduleAsync("s", "echo", "*/5 * * * *", overlap: "skip");

        var refused = await Assert.ThrowsAsync<ConflictException>(() => t.ScheduleAsync("s", "echo", "*/10 * * * *"));

        Assert.Equal("Schedule 's' exists with a different definition (workflow \"echo\", cron \"*/5 * * * *\", time zone \"UTC\", " +
            "overlap \"skip\", source api); delete it first or use another id.", refused.Message);
    }

    [Fact]
    public async Task Reading_deleting_pausing_or_resuming_an_unknown_schedule_names_it()
    {
        using var t = new TestEngine(typeof(ScheduledEcho));
        const string Missing = "Schedule 'nope' does not exist.";

        Assert.Equal(Missing, (await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.GetScheduleAsync(t.Runtime(), "nope"))).Message);
        Assert.Equal(Missing, (await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.DeleteScheduleAsync(t.Runtime(), "nope"))).Message);
        Assert.Equal(Missing, (await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.SetSchedulePausedAsync(t.Runtime(), "nope", true))).Message);
        Assert.Equal(Missing, (await Assert.ThrowsAsync<NotFoundException>(() => t.Engine.SetSchedulePausedAsync(t.Runtime(), "nope", false))).Message);
    }
}
