using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.FunctionalTests.Api;
using Skein.Host.FunctionalTests.Backup;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Host.Tenants;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Moves;

/// <summary>
/// <c>POST /v1/tenants/{tenant}/freeze</c> and <c>/unfreeze</c> (DESIGN §7, the host's side of a move) on a real host:
/// the answers, and a frozen tenant's requests.
/// </summary>
public sealed class FreezeApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>The operator's endpoints a move needs, or that change nothing a move carries: they answer while frozen.</summary>
    private static readonly HashSet<string> AvailableWhileFrozen = new(StringComparer.Ordinal)
    {
        "GET /v1/tenants/{tenant}",
        "DELETE /v1/tenants/{tenant}",
        "GET /v1/tenants/{tenant}/keys",
        "POST /v1/tenants/{tenant}/freeze",
        "POST /v1/tenants/{tenant}/unfreeze",
        "GET /v1/tenants/{tenant}/backup",
        "POST /v1/tenants/{tenant}/restore",
        "POST /v1/tenants/{tenant}/backups",
        "GET /v1/tenants/{tenant}/backups",
        "GET /v1/tenants/{tenant}/backups/{id}",
        "DELETE /v1/tenants/{tenant}/backups/{id}",
    };

    [Fact]
    public async Task Freeze_and_unfreeze_answer_200_with_the_state_again_when_repeated_and_the_tenant_shows_it()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "freeze");
        using var admin = host.Client();
        using var anonymous = host.Client(key: null);

        var frozen = await FreezeApi.FreezeAsync(admin, tenant);
        var again = await FreezeApi.FreezeAsync(admin, tenant);
        var shown = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!;
        var listed = (await admin.GetFromJsonAsync<JsonArray>("/v1/tenants"))!.Single(t => t!["id"]!.GetValue<string>() == tenant)!;
        var ready = await anonymous.GetAsync("/readyz");
        var metrics = await admin.GetStringAsync("/metrics");

        Assert.Equal($"{{\"tenant\":\"{tenant}\",\"frozen\":true}}", frozen.ToJsonString());
        Assert.Equal(frozen.ToJsonString(), again.ToJsonString());
        Assert.True(shown["frozen"]!.GetValue<bool>());
        Assert.True(listed["frozen"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains("# TYPE skein_tenants_frozen gauge", metrics, StringComparison.Ordinal);

        var unfrozen = await FreezeApi.UnfreezeAsync(admin, tenant);
        var unfrozenAgain = await FreezeApi.UnfreezeAsync(admin, tenant);
        Assert.Equal($"{{\"tenant\":\"{tenant}\",\"frozen\":false}}", unfrozen.ToJsonString());
        Assert.Equal(unfrozen.ToJsonString(), unfrozenAgain.ToJsonString());
        Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["frozen"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Freeze_and_unfreeze_need_the_admin_key_and_an_existing_tenant()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "freeze");
        using var admin = host.Client();
        using var anonymous = host.Client(key: null);

        foreach (var action in new[] { "freeze", "unfreeze" })
        {
            await ApiClient.ProblemAsync(await client.PostAsync($"/v1/tenants/{tenant}/{action}", null), HttpStatusCode.Forbidden);
            await ApiClient.ProblemAsync(await anonymous.PostAsync($"/v1/tenants/{tenant}/{action}", null), HttpStatusCode.Unauthorized);
            await ApiClient.ProblemAsync(await admin.PostAsync($"/v1/tenants/no-such-tenant-{action}/{action}", null), HttpStatusCode.NotFound);
        }

        Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["frozen"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Every_tenant_endpoint_answers_503_with_Retry_After_while_the_tenant_is_frozen_and_changes_nothing()
    {
        var victim = await VictimTenant.CreateAsync(host);
        var (_, intruder) = await ApiClient.NewTenantAsync(host, "intruder");
        using var admin = host.Client();
        using var anonymous = host.Client(key: null);
        var before = await VictimTenant.SnapshotAsync(host, victim.Id);
        var endpoints = MappedEndpoint.ReadAll(host.Services).Where(e => e.UnderTenant && !AvailableWhileFrozen.Contains(e.Key)).ToList();
        await FreezeApi.FreezeAsync(admin, victim.Id);
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            var caller = EndpointRules.All.GetValueOrDefault(endpoint.Key) == Audience.Admin ? admin : victim.Client;
            var url = endpoint.Url(p => victim.ValueFor(endpoint, p));
            using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url) { Content = EndpointAuthorizationTests.BodyFor(endpoint) };
            using var response = await caller.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            try
            {
                await FreezeApi.AssertFrozenAsync(response, victim.Id);
            }
            catch (Exception error) when (error is Xunit.Sdk.XunitException)
            {
                failures.Add($"{endpoint.Method} {url}: {(int)response.StatusCode} {error.Message}");
            }
        }

        // Callers who may not use the tenant learn nothing of its freeze.
        var describe = $"/v1/tenants/{victim.Id}/instances/{VictimTenant.Waiting}";
        await ApiClient.ProblemAsync(await intruder.GetAsync(describe), HttpStatusCode.NotFound);
        await ApiClient.ProblemAsync(await anonymous.GetAsync(describe), HttpStatusCode.Unauthorized);
        // The operator's endpoints a move needs keep answering.
        Assert.True((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{victim.Id}"))!["frozen"]!.GetValue<bool>());
        Assert.True((await victim.Client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{victim.Id}"))!["frozen"]!.GetValue<bool>());
        Assert.NotEmpty(await BackupApi.BackupAsync(admin, victim.Id));
        await FreezeApi.UnfreezeAsync(admin, victim.Id);
        var after = await VictimTenant.SnapshotAsync(host, victim.Id);

        Assert.True(failures.Count == 0, $"{failures.Count} endpoints answered a frozen tenant:\n" + string.Join('\n', failures));
        Assert.Contains(endpoints, e => e.Key == "POST /v1/tenants/{tenant}/instances/{id}/events/{type}");
        Assert.Contains(endpoints, e => e.Key == "GET /v1/tenants/{tenant}/instances/{id}/stream");
        Assert.Contains(endpoints, e => e.Key == "POST /v1/tenants/{tenant}/run/{**path}");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task An_event_sent_while_frozen_gets_503_and_sent_again_after_the_unfreeze_completes_the_instance()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "event");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "waits");
        await ApiClient.WaitForStatusAsync(client, tenant, "waits", "waiting");
        await FreezeApi.FreezeAsync(admin, tenant);

        var refused = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/waits/events/go", new { who = "frozen" });
        await FreezeApi.AssertFrozenAsync(refused, tenant);
        await FreezeApi.UnfreezeAsync(admin, tenant);
        await ApiClient.SendEventAsync(client, tenant, "waits", "go", new { who = "retried" });

        var done = await ApiClient.WaitForStatusAsync(client, tenant, "waits", "complete");
        Assert.Equal("v1 then v1 for retried", done["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_create_waiting_for_its_instance_when_the_freeze_lands_is_answered_503_and_the_instance_resumes_after()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "wait");
        using var admin = host.Client();
        var requests = host.Services.GetRequiredService<TenantRequests>();
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));

        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "held");
        await ApiClient.WaitForStatusAsync(client, tenant, "held", "waiting");

        // Creating an existing id with ?wait= waits for that instance to end: it does not before the freeze.
        var waiting = client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances?wait=60s", new { id = "held", @params = 1 });
        await Eventually.Until(() => requests.Count(tenant), n => n == 1, "the create to be waiting on the host");
        await FreezeApi.FreezeAsync(admin, tenant);

        var waited = await waiting;
        await FreezeApi.AssertFrozenAsync(waited, tenant);
        Assert.Equal(0, requests.Count(tenant));
        await FreezeApi.UnfreezeAsync(admin, tenant);
        // The instance is as it was: the same id finds it, and it goes on where it was.
        var again = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "held", @params = 1 });
        await ApiClient.EnsureAsync(again, HttpStatusCode.OK);
        await ApiClient.SendEventAsync(client, tenant, "held", "go", new { who = "after" });
        await ApiClient.WaitForStatusAsync(client, tenant, "held", "complete");
    }

    [Fact]
    public async Task A_frozen_tenant_can_be_deleted_and_a_tenant_created_again_under_its_id_is_not_frozen()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "gone");
        using var admin = host.Client();
        await FreezeApi.FreezeAsync(admin, tenant);

        await ApiClient.EnsureAsync(await admin.DeleteAsync($"/v1/tenants/{tenant}"), HttpStatusCode.NoContent);
        var created = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        using var client = host.Client((await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>());

        Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["frozen"]!.GetValue<bool>());
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
    }
}
