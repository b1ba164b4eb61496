using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

public sealed class TenantApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("..")]
    [InlineData("../x")]
    [InlineData("%2e%2e")]
    [InlineData("Upper")]
    [InlineData("-lead")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    [InlineData("ten\u0430nt")]
    [InlineData("")]
    public async Task Invalid_tenant_ids_are_refused_and_nothing_is_created_on_disk(string id)
    {
        using var admin = host.Client();
        var before = Directory.Exists(Path.Combine(host.DataDir, "tenants")) ? Directory.GetDirectories(Path.Combine(host.DataDir, "tenants")).Length : 0;

        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem["errors"]!["id"]);
        var after = Directory.Exists(Path.Combine(host.DataDir, "tenants")) ? Directory.GetDirectories(Path.Combine(host.DataDir, "tenants")).Length : 0;
        Assert.Equal(before, after);
        Assert.False(File.Exists(Path.Combine(host.DataDir, "x")));
    }

    [Fact]
    public async Task A_tenant_key_reaches_its_own_tenant_and_another_tenants_resources_answer_404()
    {
        var (a, clientA) = await ApiClient.NewTenantAsync(host, "a");
        var (b, clientB) = await ApiClient.NewTenantAsync(host, "b");
        await ApiClient.DeployAsync(clientB, b, SampleTenants.Dll("Samples.BatchJob"));
        var instance = await ApiClient.CreateAsync(clientB, b, "batch", new { records = 10 });
        var id = instance["id"]!.GetValue<string>();

        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, $"/v1/tenants/{b}"),
            (HttpMethod.Get, $"/v1/tenants/{b}/deployments"),
            (HttpMethod.Get, $"/v1/tenants/{b}/workflows"),
            (HttpMethod.Get, $"/v1/tenants/{b}/instances"),
            (HttpMethod.Get, $"/v1/tenants/{b}/instances/{id}"),
            (HttpMethod.Post, $"/v1/tenants/{b}/instances/{id}/pause"),
            (HttpMethod.Post, $"/v1/tenants/{b}/instances/{id}/terminate"),
            (HttpMethod.Delete, $"/v1/tenants/{b}/instances/{id}"),
            (HttpMethod.Post, $"/v1/tenants/{b}/workflows/batch/instances"),
        })
        {
            using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(new { }) };
            var response = await clientA.SendAsync(request);
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.NotFound);
            Assert.DoesNotContain(id, problem.ToJsonString(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.OK, (await clientA.GetAsync($"/v1/tenants/{a}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await clientB.GetAsync($"/v1/tenants/{b}/instances/{id}")).StatusCode);
    }

    [Fact]
    public async Task Requests_without_a_valid_key_get_401_and_tenant_keys_cannot_do_operator_work()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        using var anonymous = host.Client(key: null);
        using var wrong = host.Client("sk_not-a-key");

        await ApiClient.ProblemAsync(await anonymous.GetAsync($"/v1/tenants/{tenant}/instances"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await wrong.GetAsync($"/v1/tenants/{tenant}/instances"), HttpStatusCode.Unauthorized);
        await ApiClient.ProblemAsync(await client.PostAsJsonAsync("/v1/tenants", new { id = "sneaky" }), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await client.GetAsync("/v1/tenants"), HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(await client.PostAsync($"/v1/tenants/{tenant}/keys", null), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Keys_are_shown_once_work_until_revoked_and_several_may_be_active()
    {
        var (tenant, first) = await ApiClient.NewTenantAsync(host);
        using var admin = host.Client();
        var issued = (await (await admin.PostAsync($"/v1/tenants/{tenant}/keys", null)).Content.ReadFromJsonAsync<JsonObject>())!;
        using var second = host.Client(issued["apiKey"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/v1/tenants/{tenant}/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync($"/v1/tenants/{tenant}/instances")).StatusCode);
        var keys = await admin.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/keys");
        Assert.Equal(2, keys!.Count);
        Assert.DoesNotContain(issued["apiKey"]!.GetValue<string>(), keys.ToJsonString(), StringComparison.Ordinal);

        var revoke = await admin.DeleteAsync($"/v1/tenants/{tenant}/keys/{issued["keyId"]}");
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await second.GetAsync($"/v1/tenants/{tenant}/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.GetAsync($"/v1/tenants/{tenant}/instances")).StatusCode);
    }

    [Fact]
    public async Task Creating_an_existing_tenant_is_a_conflict_and_deleting_removes_its_data()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host);
        await ApiClient.DeployAsync(client, tenant, SampleTenants.Dll("Samples.BatchJob"));
        using var admin = host.Client();

        await ApiClient.ProblemAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant }), HttpStatusCode.Conflict);
        Assert.True(Directory.Exists(Path.Combine(host.DataDir, "tenants", tenant)));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{tenant}")).StatusCode);

        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "tenants", tenant)));
        await ApiClient.ProblemAsync(await admin.GetAsync($"/v1/tenants/{tenant}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync($"/v1/tenants/{tenant}")).StatusCode);
    }

    [Fact]
    public async Task Invalid_limits_list_every_failing_field()
    {
        using var admin = host.Client();

        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = "limits-bad", limits = new { maxConcurrentInstances = 0, maxPayloadBytes = 5 } });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(2, problem["errors"]!.AsObject().Count);
        await ApiClient.ProblemAsync(await admin.GetAsync("/v1/tenants/limits-bad"), HttpStatusCode.NotFound);
    }
}
