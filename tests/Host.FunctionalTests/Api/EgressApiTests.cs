using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// Issue 8 §11 on a real host: tenant code can neither bring its own HTTP client nor use the one it is given to reach
/// the host's own port, until the operator allows that port in the tenant's <c>egressAllow</c>.
/// </summary>
public sealed class EgressApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string CallsOut = """
        namespace MyTenant;

        [Workflow("call")]
        public sealed class CallWorkflow : Workflow<string, string>
        {
            public override Task<string> RunAsync(WorkflowEvent<string> e, WorkflowStep step, CancellationToken ct) =>
                step.Do("call", new StepConfig { Retries = RetryPolicy.None }, ctx => ctx.Http.GetStringAsync(e.Payload, ctx.CancellationToken));
        }
        """;

    [Fact]
    public async Task An_upload_that_makes_its_own_HttpClient_is_refused_naming_it()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "own");
        var dll = TestAssemblies.WithEvilClass(
            "public static Task<string> Run() => new System.Net.Http.HttpClient().GetStringAsync(\"http://127.0.0.1:1/metrics\");");
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");

        var response = await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("creates System.Net.Http.HttpClient", body, StringComparison.Ordinal);
        Assert.Contains("use StepContext.Http", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_step_calling_the_hosts_own_port_is_refused_until_the_operator_allows_it()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "ssrf");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, TestAssemblies.Compile("MyTenant", CallsOut));
        var url = new Uri(host.BaseAddress, "/healthz").ToString();

        var refused = await ApiClient.CreateAsync(client, tenant, "call", url, wait: "60s");
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits",
            new { egressAllow = new[] { $"127.0.0.1:{host.BaseAddress.Port}" } }), HttpStatusCode.OK);
        var allowed = await ApiClient.CreateAsync(client, tenant, "call", url, wait: "60s");
        var shown = await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}");

        Assert.Equal("errored", refused["status"]!.GetValue<string>());
        Assert.StartsWith($"outbound call to 127.0.0.1 refused by the egress policy (loopback); an operator can allow it for this tenant "
            + $"with PUT /v1/tenants/{tenant}/limits egressAllow", refused["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("complete", allowed["status"]!.GetValue<string>());
        Assert.Equal("{\"status\":\"ok\"}", allowed["output"]!.GetValue<string>());
        Assert.Equal($"[\"127.0.0.1:{host.BaseAddress.Port}\"]", shown!["limits"]!["egressAllow"]!.ToJsonString());
    }

    [Fact]
    public async Task An_invalid_egress_allow_list_is_refused_listing_each_bad_entry_and_changes_nothing()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "bad");
        using var admin = host.Client();

        var response = await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits",
            new { egressAllow = new[] { "10.1.2.0/24", "10.1.2.3/24", "api.internal:https" } });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        var text = string.Join('\n', problem["errors"]!.AsObject().SelectMany(field => field.Value!.AsArray().Select(m => m!.GetValue<string>())));
        Assert.Contains("'10.1.2.3/24' is not a network in CIDR form with its host bits zero", text, StringComparison.Ordinal);
        Assert.Contains("'api.internal:https' has no valid port", text, StringComparison.Ordinal);
        Assert.DoesNotContain("'10.1.2.0/24'", text, StringComparison.Ordinal);
        var shown = await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}");
        Assert.Null(shown!["limits"]!["egressAllow"]);
    }
}
