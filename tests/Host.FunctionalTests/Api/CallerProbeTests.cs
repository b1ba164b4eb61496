using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A caller without the right key learns nothing about which tenants exist and cannot spend a tenant's allowance:
/// it is authenticated before any limit applies, and an unknown tenant answers exactly like a known one.
/// </summary>
public sealed class CallerProbeTests(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(string Tenant, HttpClient Client)> TenantAsync(int createsPerSecond)
    {
        var tenant = $"probe-{Guid.NewGuid():n}"[..30];
        using var admin = host.Client();
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant, limits = new { maxCreatesPerSecond = createsPerSecond } });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var client = host.Client((await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>());
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        return (tenant, client);
    }

    [Fact]
    public async Task Creates_without_a_key_answer_401_for_known_and_unknown_tenants_alike_and_never_429()
    {
        var (tenant, client) = await TenantAsync(createsPerSecond: 1);
        using var anonymous = host.Client(key: null);
        using var wrongKey = host.Client("not-a-key");
        var (_, other) = await ApiClient.NewTenantAsync(host, "other");

        foreach (var path in new[] { "/workflows/invoice/instances", "/workflows/invoice/instances/batch", "/run/invoice" })
        {
            foreach (var target in new[] { tenant, "no-such-tenant" })
            {
                for (var i = 0; i < 3; i++)
                {
                    var noKey = await anonymous.PostAsJsonAsync($"/v1/tenants/{target}{path}", new { });
                    var badKey = await wrongKey.PostAsJsonAsync($"/v1/tenants/{target}{path}", new { });
                    var otherTenant = await other.PostAsJsonAsync($"/v1/tenants/{target}{path}", new { });
                    Assert.Equal("urn:skein:problem:unauthorized", (await ApiClient.ProblemAsync(noKey, HttpStatusCode.Unauthorized))["type"]!.GetValue<string>());
                    Assert.Equal("urn:skein:problem:unauthorized", (await ApiClient.ProblemAsync(badKey, HttpStatusCode.Unauthorized))["type"]!.GetValue<string>());
                    Assert.Equal($"Tenant '{target}' does not exist.", (await ApiClient.ProblemAsync(otherTenant, HttpStatusCode.NotFound))["detail"]!.GetValue<string>());
                }
            }
        }

        // None of that spent the tenant's allowance of one create per second.
        var created = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", new { @params = new { text = "mine" } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task The_tenant_itself_is_still_rate_limited()
    {
        var (tenant, client) = await TenantAsync(createsPerSecond: 1);

        // Twenty at once against a bucket of one per second: some must wait, however slow the machine.
        var responses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/optional/instances", new { })));
        var statuses = responses.Select(r => r.StatusCode).ToList();

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
    }

    [Fact]
    public async Task Metrics_need_the_admin_key()
    {
        var (_, client) = await TenantAsync(createsPerSecond: 10);
        using var anonymous = host.Client(key: null);
        using var admin = host.Client();

        var noKey = await ApiClient.ProblemAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        var tenantKey = await ApiClient.ProblemAsync(await client.GetAsync("/metrics"), HttpStatusCode.Forbidden);
        var metrics = await admin.GetStringAsync("/metrics");

        Assert.Equal("urn:skein:problem:unauthorized", noKey["type"]!.GetValue<string>());
        Assert.Equal("Reading metrics needs the operator's admin key; a tenant key cannot do it.", tenantKey["detail"]!.GetValue<string>());
        Assert.Contains("# TYPE skein_loaded_versions gauge", metrics, StringComparison.Ordinal);
    }
}
