using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

public sealed class InstanceApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(string Tenant, HttpClient Client)> TenantWithWorkflowAsync()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "inst");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        return (tenant, client);
    }

    [Fact]
    public async Task Create_describe_control_and_delete_follow_the_contract()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();
        var created = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "i-1", @params = 1 });
        var again = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "i-1", @params = 1 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await ApiClient.WaitForStatusAsync(client, tenant, "i-1", "waiting");

        var paused = await client.PostAsync($"/v1/tenants/{tenant}/instances/i-1/pause", null);
        Assert.Equal("paused", (await paused.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        await client.PostAsync($"/v1/tenants/{tenant}/instances/i-1/resume", null);
        await ApiClient.SendEventAsync(client, tenant, "i-1", "go", new { who = "dee" });
        var done = await ApiClient.WaitForStatusAsync(client, tenant, "i-1", "complete");

        Assert.Equal("i-1", done["id"]!.GetValue<string>());
        Assert.Equal("pinned", done["workflow"]!.GetValue<string>());
        Assert.Equal(1, done["params"]!.GetValue<int>());
        Assert.NotNull(done["createdAt"]);
        Assert.Equal(["step", "waitForEvent"], done["steps"]!.AsArray().Select(s => s!["type"]!.GetValue<string>()));
        var resume = await client.PostAsync($"/v1/tenants/{tenant}/instances/i-1/resume", null);
        var problem = await ApiClient.ProblemAsync(resume, HttpStatusCode.Conflict);
        Assert.Contains("complete", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiClient.ProblemAsync(await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/i-1/events/go", new { }), HttpStatusCode.Conflict);

        // Restarting from the wait hands its event back, so the rerun sees the same input and ends the same way.
        var restarted = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/i-1/restart", new { from = new { name = "go" } });
        await ApiClient.EnsureAsync(restarted, HttpStatusCode.OK);
        var rerun = await ApiClient.WaitForStatusAsync(client, tenant, "i-1", "complete");
        Assert.Equal(done["output"]!.ToJsonString(), rerun["output"]!.ToJsonString());

        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "i-2");
        await ApiClient.WaitForStatusAsync(client, tenant, "i-2", "waiting");
        var terminated = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/i-2/terminate", new { rollback = false });
        Assert.Equal("terminated", (await terminated.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/v1/tenants/{tenant}/instances/i-2")).StatusCode);
        await ApiClient.ProblemAsync(await client.GetAsync($"/v1/tenants/{tenant}/instances/i-2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Bad_requests_get_problem_details_and_change_nothing()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();
        var path = $"/v1/tenants/{tenant}/workflows/pinned/instances";

        var cases = new (HttpResponseMessage Response, HttpStatusCode Status)[]
        {
            (await client.PostAsync(path, new StringContent("{not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
            (await client.PostAsJsonAsync(path, new { id = "bad id!", @params = 1 }), HttpStatusCode.BadRequest),
            (await client.PostAsJsonAsync(path, new { @params = "not an int" }), HttpStatusCode.BadRequest),
            (await client.PostAsJsonAsync(path + "?wait=forever", new { @params = 1 }), HttpStatusCode.BadRequest),
            (await client.PostAsJsonAsync(path, new { @params = new string('x', 2 * 1024 * 1024) }), HttpStatusCode.RequestEntityTooLarge),
            (await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/nope/instances", new { @params = 1 }), HttpStatusCode.NotFound),
            (await client.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/missing/pause", new { }), HttpStatusCode.NotFound),
            (await client.GetAsync($"/v1/tenants/{tenant}/instances?status=sleeping"), HttpStatusCode.BadRequest),
            (await client.GetAsync($"/v1/tenants/{tenant}/instances?limit=0"), HttpStatusCode.BadRequest),
            (await client.GetAsync($"/v1/tenants/{tenant}/instances?cursor=abc"), HttpStatusCode.BadRequest),
            (await client.PostAsync($"/v1/tenants/{tenant}/workflows/pinned/instances/batch", new StringContent("[]", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest),
        };

        foreach (var (response, status) in cases)
        {
            await ApiClient.ProblemAsync(response, status);
        }

        var listed = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances");
        Assert.Empty(listed!["items"]!.AsArray());
    }

    [Fact]
    public async Task Fifty_concurrent_creates_with_the_same_id_create_one_instance()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ =>
            client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "once", @params = 0 })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.Equal(49, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        await ApiClient.WaitForStatusAsync(client, tenant, "once", "complete");
        var listed = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances");
        Assert.Single(listed!["items"]!.AsArray());
    }

    [Fact]
    public async Task Paging_while_instances_are_created_has_no_duplicates_or_gaps()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();
        for (var i = 0; i < 30; i++)
        {
            await ApiClient.CreateAsync(client, tenant, "pinned", 0, $"p-{i:D3}");
        }

        var seen = new List<string>();
        string? cursor = null;
        var extra = 0;
        do
        {
            var page = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances?limit=7{(cursor is null ? "" : "&cursor=" + cursor)}");
            seen.AddRange(page!["items"]!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            cursor = page["nextCursor"]?.GetValue<string>();
            if (cursor is not null && extra < 5)
            {
                await ApiClient.CreateAsync(client, tenant, "pinned", 0, $"q-{extra++:D3}");
            }
        }
        while (cursor is not null);

        var expected = Enumerable.Range(0, 30).Select(i => $"p-{i:D3}").Concat(Enumerable.Range(0, extra).Select(i => $"q-{i:D3}"));
        Assert.True(extra >= 3, "instances were created between pages");
        Assert.Equal(expected, seen);
    }

    [Fact]
    public async Task Batch_create_answers_per_item()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();

        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances/batch",
            new object[] { new { id = "b-1", @params = 0 }, new { id = "bad id", @params = 0 }, new { id = "b-1", @params = 0 }, new { @params = 0 } });

        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        var items = (await response.Content.ReadFromJsonAsync<JsonArray>())!;
        Assert.Equal(4, items.Count);
        Assert.Equal(400, items[1]!["error"]!["status"]!.GetValue<int>());
        Assert.Equal("b-1", items[2]!["id"]!.GetValue<string>());
        Assert.Single(items, i => i!["created"]?.GetValue<bool>() == true && i["id"]!.GetValue<string>() == "b-1");
    }

    [Fact]
    public async Task The_stream_of_a_full_run_matches_its_described_history()
    {
        var (tenant, client) = await TenantWithWorkflowAsync();
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "s-1");
        var reading = client.GetStringAsync($"/v1/tenants/{tenant}/instances/s-1/stream");
        await ApiClient.WaitForStatusAsync(client, tenant, "s-1", "waiting");
        await ApiClient.SendEventAsync(client, tenant, "s-1", "go", new { who = "eve" });

        var stream = await reading.WaitAsync(TimeSpan.FromSeconds(30));
        var described = await ApiClient.DescribeAsync(client, tenant, "s-1");

        var events = stream.Split("\n\n", StringSplitOptions.RemoveEmptyEntries)
            .Select(block => block.Split('\n').ToDictionary(l => l[..l.IndexOf(':', StringComparison.Ordinal)], l => l[(l.IndexOf(':', StringComparison.Ordinal) + 2)..]))
            .ToList();
        Assert.Equal("end", events[^1]["event"]);
        var finished = events.Where(e => e["event"] == "step").Select(e => JsonNode.Parse(e["data"])!)
            .Where(d => d["status"]!.GetValue<string>() == "complete").Select(d => d["name"]!.GetValue<string>());
        Assert.Equal(described["steps"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()), finished);
        var statuses = events.Where(e => e["event"] == "status").Select(e => JsonNode.Parse(e["data"])!["status"]!.GetValue<string>()).ToList();
        Assert.Equal("queued", statuses[0]);
        Assert.Contains("waiting", statuses);
        Assert.Equal("complete", statuses[^1]);
        Assert.Equal(described["output"]!.ToJsonString(), JsonNode.Parse(events.Last(e => e["event"] == "status")["data"])!["output"]!.ToJsonString());

        var ids = events.Where(e => e.ContainsKey("id")).Select(e => long.Parse(e["id"], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var resumed = await client.GetStringAsync($"/v1/tenants/{tenant}/instances/s-1/stream?cursor={ids[2]}");
        Assert.DoesNotContain($"id: {ids[2]}\n", resumed, StringComparison.Ordinal);
        Assert.Contains($"id: {ids[3]}\n", resumed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_flooding_tenant_gets_429_while_another_tenant_keeps_succeeding()
    {
        var (flooder, flood) = await TenantWithWorkflowAsync();
        var (calm, quiet) = await TenantWithWorkflowAsync();
        using var admin = host.Client();
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{flooder}/limits", new { maxCreatesPerSecond = 5 }), HttpStatusCode.OK);

        var flooded = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            flood.PostAsJsonAsync($"/v1/tenants/{flooder}/workflows/pinned/instances", new { @params = 0 })));
        var calmResponses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            quiet.PostAsJsonAsync($"/v1/tenants/{calm}/workflows/pinned/instances", new { @params = 0 })));

        var limited = flooded.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(limited);
        Assert.All(limited, r => Assert.True(r.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1)));
        await ApiClient.ProblemAsync(limited[0], HttpStatusCode.TooManyRequests);
        Assert.All(calmResponses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_endpoint_and_operations_are_served()
    {
        using var anonymous = host.Client(key: null);
        var document = await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json");
        var paths = document!["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        foreach (var path in new[]
        {
            "/v1/tenants", "/v1/tenants/{tenant}", "/v1/tenants/{tenant}/keys", "/v1/tenants/{tenant}/deployments",
            "/v1/tenants/{tenant}/deployments/{version}/activate", "/v1/tenants/{tenant}/workflows",
            "/v1/tenants/{tenant}/workflows/{workflow}/instances", "/v1/tenants/{tenant}/workflows/{workflow}/instances/batch",
            "/v1/tenants/{tenant}/instances", "/v1/tenants/{tenant}/instances/{id}", "/v1/tenants/{tenant}/instances/{id}/pause",
            "/v1/tenants/{tenant}/instances/{id}/resume", "/v1/tenants/{tenant}/instances/{id}/terminate",
            "/v1/tenants/{tenant}/instances/{id}/restart", "/v1/tenants/{tenant}/instances/{id}/events/{type}",
            "/v1/tenants/{tenant}/instances/{id}/stream", "/v1/tenants/{tenant}/run/{path}", "/healthz", "/readyz", "/metrics",
        })
        {
            Assert.Contains(path, paths);
        }

        var reference = await anonymous.GetAsync("/reference");
        Assert.Equal(HttpStatusCode.OK, reference.StatusCode);
        Assert.Equal("text/html", reference.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/metrics")).StatusCode);
        using var admin = host.Client();
        var metrics = await admin.GetStringAsync("/metrics");
        Assert.Contains("skein_instances{", metrics, StringComparison.Ordinal);
        Assert.Contains("skein_log_commits_total{", metrics, StringComparison.Ordinal);
    }
}
