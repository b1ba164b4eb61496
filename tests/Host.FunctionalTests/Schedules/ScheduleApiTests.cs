using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Schedules;

/// <summary>The schedules API over HTTP (DESIGN §9): shapes, status codes, ProblemDetails naming the field, backups.</summary>
public sealed class ScheduleApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Create_get_list_pause_resume_and_delete_answer_with_the_schedule_shape()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "sch");
        await ApiClient.DeployAsync(client, tenant, TickWorkflow.Build());
        var body = new { id = "every5", workflow = "tick", cron = "*/5 * * * *", timeZone = "Europe/Berlin", @params = 7, overlap = "skip" };

        var created = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/schedules", body);
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var schedule = (await created.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(
            ["id", "workflow", "cron", "timeZone", "params", "overlap", "paused", "source", "nextTick", "lastTick"],
            schedule.Select(p => p.Key));
        Assert.Equal(("every5", "tick", "*/5 * * * *", "Europe/Berlin", 7, "skip", false, "api"), (
            schedule["id"]!.GetValue<string>(), schedule["workflow"]!.GetValue<string>(), schedule["cron"]!.GetValue<string>(),
            schedule["timeZone"]!.GetValue<string>(), schedule["params"]!.GetValue<int>(), schedule["overlap"]!.GetValue<string>(),
            schedule["paused"]!.GetValue<bool>(), schedule["source"]!.GetValue<string>()));
        Assert.NotNull(schedule["nextTick"]);
        Assert.Null(schedule["lastTick"]);

        await ApiClient.EnsureAsync(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/schedules", body), HttpStatusCode.OK);
        var conflict = await ApiClient.ProblemAsync(
            await client.PostAsJsonAsync($"/v1/tenants/{tenant}/schedules", body with { cron = "*/10 * * * *" }), HttpStatusCode.Conflict);
        Assert.Contains("every5", conflict["detail"]!.GetValue<string>(), StringComparison.Ordinal);

        var list = (await client.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/schedules"))!;
        Assert.Equal([("every5", "api"), ("nightly", "attribute")],
            list.Select(s => (s!["id"]!.GetValue<string>(), s["source"]!.GetValue<string>())));

        var paused = (await (await client.PostAsync($"/v1/tenants/{tenant}/schedules/every5/pause", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(paused["paused"]!.GetValue<bool>());
        Assert.Null(paused["nextTick"]);
        var resumed = (await (await client.PostAsync($"/v1/tenants/{tenant}/schedules/every5/resume", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(resumed["paused"]!.GetValue<bool>());
        Assert.NotNull(resumed["nextTick"]);

        await ApiClient.EnsureAsync(await client.DeleteAsync($"/v1/tenants/{tenant}/schedules/every5"), HttpStatusCode.NoContent);
        await ApiClient.ProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/schedules/every5"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await client.DeleteAsync($"/v1/tenants/{tenant}/schedules/every5"), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await client.PostAsync($"/v1/tenants/{tenant}/schedules/every5/pause", null), HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("""{"id": "s", "workflow": "tick", "cron": "0 0 32 * *"}""", "cron", "Days of month")]
    [InlineData("""{"id": "s", "workflow": "tick", "cron": "* * * *"}""", "cron", "4 fields")]
    [InlineData("""{"id": "s", "workflow": "tick", "cron": "* * * * *", "timeZone": "Europe/Atlantis"}""", "timeZone", "Europe/Atlantis")]
    [InlineData("""{"id": "s!", "workflow": "tick", "cron": "* * * * *"}""", "id", "84 characters")]
    [InlineData("""{"id": "s", "workflow": "nope", "cron": "* * * * *"}""", "workflow", "nope")]
    [InlineData("""{"id": "s", "workflow": "tick", "cron": "* * * * *", "params": "text"}""", "params", "Int32")]
    public async Task A_bad_request_answers_400_naming_the_field_and_creates_nothing(string body, string field, string says)
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "bad");
        await ApiClient.DeployAsync(client, tenant, TickWorkflow.Build(withAttribute: false));

        var problem = await ApiClient.ProblemAsync(await client.PostAsync($"/v1/tenants/{tenant}/schedules",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);

        Assert.Equal("urn:skein:problem:invalid-request", problem["type"]!.GetValue<string>());
        Assert.Contains(says, problem["errors"]![field]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/schedules"))!);
    }

    [Fact]
    public async Task A_restored_backup_keeps_its_schedules_and_does_not_take_a_tick_it_recorded_again()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "bk");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, TickWorkflow.Build(withAttribute: false));
        await ApiClient.EnsureAsync(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/schedules",
            new { id = "sec", workflow = "tick", cron = "* * * * * *" }), HttpStatusCode.Created);
        await Eventually.UntilAsync(() => BackupApi.InstancesAsync(client, tenant), i => i.Count >= 2, "two ticks of the schedule");
        // Paused, so what the backup holds is what the schedule had taken.
        await ApiClient.EnsureAsync(await client.PostAsync($"/v1/tenants/{tenant}/schedules/sec/pause", null), HttpStatusCode.OK);
        var before = await CreatedAtAsync(client, tenant);
        var lastTick = (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/schedules/sec"))!["lastTick"]!.GetValue<DateTimeOffset>();
        var archive = await BackupApi.BackupAsync(admin, tenant);

        await BackupApi.RestoreAsync(admin, tenant, archive);
        var restored = (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/schedules/sec"))!;
        Assert.Equal((true, lastTick), (restored["paused"]!.GetValue<bool>(), restored["lastTick"]!.GetValue<DateTimeOffset>()));
        await ApiClient.EnsureAsync(await client.PostAsync($"/v1/tenants/{tenant}/schedules/sec/resume", null), HttpStatusCode.OK);
        await Eventually.UntilAsync(() => BackupApi.InstancesAsync(client, tenant), i => i.Count > before.Count, "a tick after the restore");

        var after = await CreatedAtAsync(client, tenant);
        // Every tick the backup had is there once, as it was; every new one is later than the recorded last tick.
        Assert.All(before, b => Assert.Equal(b.Value, after[b.Key]));
        Assert.All(after.Keys.Except(before.Keys), id => Assert.True(
            string.CompareOrdinal(id, "sec-" + lastTick.UtcDateTime.ToString("yyyyMMdd'T'HHmmss", System.Globalization.CultureInfo.InvariantCulture)) > 0, id));
    }

    private static async Task<Dictionary<string, string>> CreatedAtAsync(HttpClient client, string tenant)
    {
        var page = (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances?limit=1000"))!;
        return page["items"]!.AsArray().ToDictionary(i => i!["id"]!.GetValue<string>(), i => i!["createdAt"]!.GetValue<string>());
    }
}
