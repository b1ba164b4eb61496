using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A tenant's <c>retention</c> in its limits (DESIGN §9): a duration string like the API's other durations, shown
/// wherever limits are shown, refused with a ProblemDetails naming the field when it is not one, changing nothing.
/// </summary>
public sealed class RetentionLimitTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_retention_set_in_the_limits_is_shown_by_the_tenant_and_the_tenant_list()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "keep");
        using var admin = host.Client();

        var put = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { retention = "7d" });
        await ApiClient.EnsureAsync(put, HttpStatusCode.OK);
        var answered = await put.Content.ReadFromJsonAsync<JsonObject>();
        var shown = await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}");
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/v1/tenants"))!.Single(t => t!["id"]!.GetValue<string>() == tenant);

        Assert.Equal("7d", answered!["limits"]!["retention"]!.GetValue<string>());
        Assert.Equal("7d", shown!["limits"]!["retention"]!.GetValue<string>());
        Assert.Equal("7d", listed!["limits"]!["retention"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_tenant_created_with_a_retention_keeps_it_and_one_without_shows_null_for_the_30_day_default()
    {
        using var admin = host.Client();

        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = "keep-made", limits = new { retention = "36h" } });
        var plain = await ApiClient.NewTenantAsync(host, "plain");

        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        Assert.Equal("36h", (await admin.GetFromJsonAsync<JsonObject>("/v1/tenants/keep-made"))!["limits"]!["retention"]!.GetValue<string>());
        var shown = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{plain.Tenant}"))!["limits"]!.AsObject();
        Assert.True(shown.ContainsKey("retention"));
        Assert.Null(shown["retention"]);
    }

    [Theory]
    [InlineData("30", "is not a duration")]
    [InlineData("30 weeks", "is not a duration")]
    [InlineData("30days", "is not a duration")]
    [InlineData("59 minutes", "is out of range")]
    [InlineData("-1d", "is not a duration")]
    [InlineData("1.5d", "is not a duration")]
    [InlineData("59m", "is out of range")]
    [InlineData("3651d", "is out of range")]
    [InlineData("99999999999d", "is out of range")]
    public async Task An_invalid_retention_is_refused_naming_the_field_and_changes_nothing(string retention, string why)
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "bad");
        using var admin = host.Client();
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { retention = "2d" }), HttpStatusCode.OK);

        var response = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { retention, maxConcurrentInstances = 5 });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        var message = Assert.Single(problem["errors"]!["retention"]!.AsArray())!.GetValue<string>();
        Assert.Contains($"'retention' \"{retention}\" {why}", message, StringComparison.Ordinal);
        Assert.Contains("1h to 3650d", message, StringComparison.Ordinal);
        var limits = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["limits"]!;
        Assert.Equal("2d", limits["retention"]!.GetValue<string>());
        Assert.Null(limits["maxConcurrentInstances"]);
    }

    [Theory]
    [InlineData("30 days")]
    [InlineData("1 hour")]
    [InlineData("90 minutes")]
    [InlineData("7200 seconds")]
    public async Task A_retention_spelled_out_as_Cloudflare_writes_durations_is_taken_as_entered(string retention)
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "spelled");
        using var admin = host.Client();

        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { retention }), HttpStatusCode.OK);

        var limits = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["limits"]!;
        Assert.Equal(retention, limits["retention"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_retention_that_is_not_a_string_is_refused_naming_the_field()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "num");
        using var admin = host.Client();

        var response = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits", new { retention = 30 });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("retention", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_create_with_an_invalid_retention_is_refused_and_creates_nothing()
    {
        using var admin = host.Client();

        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = "keep-bad", limits = new { retention = "forever" } });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("'retention' \"forever\" is not a duration", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/tenants/keep-bad")).StatusCode);
    }
}
