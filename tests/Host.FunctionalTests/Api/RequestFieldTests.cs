using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// A field a request does not take is a 400 naming it, never dropped without a word; a workflow whose params are
/// not nullable is never started without them.
/// </summary>
public sealed class RequestFieldTests(HostFixture host) : IClassFixture<HostFixture>
{
    private async Task<(string Tenant, HttpClient Client)> TenantAsync()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "fields");
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        return (tenant, client);
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    private static async Task<int> CountAsync(HttpClient client, string tenant) =>
        (await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances"))!["items"]!.AsArray().Count;

    [Fact]
    public async Task A_create_that_forgets_the_params_wrapper_is_refused_naming_the_stray_fields()
    {
        var (tenant, client) = await TenantAsync();

        var response = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", Json("""{"invoiceId":"x","amount":5}"""));

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal(
            "The body has fields this request does not take: 'invoiceId', 'amount' (the fields there are 'id', 'params').",
            problem["detail"]!.GetValue<string>());
        Assert.Equal(["invoiceId", "amount"], problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, await CountAsync(client, tenant));
    }

    [Fact]
    public async Task A_create_without_params_is_refused_when_the_workflow_needs_them_and_accepted_when_it_does_not()
    {
        var (tenant, client) = await TenantAsync();

        var missing = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", Json("""{"id":"no-params"}"""));
        var explicitNull = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", Json("""{"params":null}"""));
        var empty = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances", null);
        var batch = await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances/batch", Json("""[{"id":"b-1"}]"""));
        var optional = await client.PostAsync($"/v1/tenants/{tenant}/workflows/optional/instances", Json("""{"id":"opt"}"""));

        foreach (var refused in new[] { missing, explicitNull, empty })
        {
            var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.Equal("Workflow \"invoice\" needs params (Invoice), and the body has none: send them as {\"params\": {…}}.",
                problem["detail"]!.GetValue<string>());
        }

        var item = (await batch.Content.ReadFromJsonAsync<JsonArray>())![0]!;
        Assert.Equal(400, item["error"]!["status"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Created, optional.StatusCode);
        var done = await ApiClient.WaitForStatusAsync(client, tenant, "opt", "complete");
        Assert.Equal("none", done["output"]!.GetValue<string>());
        Assert.Equal(1, await CountAsync(client, tenant));
    }

    [Fact]
    public async Task Every_request_type_refuses_fields_it_does_not_take()
    {
        var (tenant, client) = await TenantAsync();
        await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "inv" }, "ctl");
        using var admin = host.Client();

        var cases = new (HttpResponseMessage Response, string Field)[]
        {
            (await client.PostAsync($"/v1/tenants/{tenant}/workflows/invoice/instances/batch",
                Json("""[{"id":"b-1","params":{"text":"a"}},{"id":"b-2","param":{"text":"b"}}]""")), "[1].param"),
            (await client.PostAsync($"/v1/tenants/{tenant}/instances/ctl/terminate", Json("""{"rollbak":true}""")), "rollbak"),
            (await client.PostAsync($"/v1/tenants/{tenant}/instances/ctl/restart", Json("""{"from":{"nam":"read"}}""")), "from.nam"),
            (await admin.PutAsync($"/v1/tenants/{tenant}/limits", Json("""{"maxPayload":4096}""")), "maxPayload"),
            (await admin.PostAsync("/v1/tenants", Json("""{"id":"stray-field","limits":{"maxConcurrent":2}}""")), "limits.maxConcurrent"),
        };

        foreach (var (response, field) in cases)
        {
            var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.Equal([field], problem["errors"]!.AsObject().Select(e => e.Key));
        }

        Assert.Equal(1, await CountAsync(client, tenant));
        Assert.Equal("waiting", (await ApiClient.WaitForStatusAsync(client, tenant, "ctl", "waiting"))["status"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await admin.GetAsync("/v1/tenants/stray-field"), HttpStatusCode.NotFound);
    }
}
