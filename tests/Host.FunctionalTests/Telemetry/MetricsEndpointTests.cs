using System.Net;
using System.Net.Http.Json;
using Skein.Host.FunctionalTests.Api;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Telemetry;

/// <summary><c>/metrics</c> is the OpenTelemetry Prometheus exporter's text, for the operator only.</summary>
public sealed class MetricsEndpointTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task The_admin_key_reads_the_Skein_series_in_the_Prometheus_text_format()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "metered");
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        var id = (await ApiClient.CreateAsync(client, tenant, "invoice", new { text = "metered" }))["id"]!.GetValue<string>();
        await ApiClient.WaitForStatusAsync(client, tenant, id, "waiting");
        await ApiClient.SendEventAsync(client, tenant, id, "paid", new { by = "ops" });
        await ApiClient.WaitForStatusAsync(client, tenant, id, "complete");
        using var admin = host.Client();

        var response = await admin.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("# TYPE skein_log_commit_duration_seconds histogram", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE skein_steps_completed_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE skein_instances gauge", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE skein_deployments_uploads_total counter", text, StringComparison.Ordinal);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text, StringComparison.Ordinal);
        var complete = Assert.Single(text.Split('\n'), line => line.StartsWith("skein_instances{", StringComparison.Ordinal)
            && line.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal)
            && line.Contains("status=\"complete\"", StringComparison.Ordinal));
        Assert.EndsWith(" 1", complete, StringComparison.Ordinal);
        var steps = Assert.Single(text.Split('\n'), line => line.StartsWith("skein_steps_completed_total{", StringComparison.Ordinal)
            && line.Contains($"tenant=\"{tenant}\"", StringComparison.Ordinal));
        Assert.Equal("1", steps.Split(' ')[1]);
    }

    [Fact]
    public async Task A_tenant_key_and_an_anonymous_caller_are_refused()
    {
        var (_, client) = await ApiClient.NewTenantAsync(host, "nosy");
        using var anonymous = host.Client(key: null);

        var noKey = await ApiClient.ProblemAsync(await anonymous.GetAsync("/metrics"), HttpStatusCode.Unauthorized);
        var tenantKey = await ApiClient.ProblemAsync(await client.GetAsync("/metrics"), HttpStatusCode.Forbidden);

        Assert.Equal("urn:skein:problem:unauthorized", noKey["type"]!.GetValue<string>());
        Assert.Equal("Reading metrics needs the operator's admin key; a tenant key cannot do it.", tenantKey["detail"]!.GetValue<string>());
        Assert.DoesNotContain("skein_", noKey.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain("skein_", tenantKey.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_created_by_a_traced_request_shows_that_trace_id()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "traced");
        await ApiClient.DeployAsync(client, tenant, InvoiceWorkflow.Build());
        const string traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/v1/tenants/{tenant}/workflows/invoice/instances")
        {
            Content = JsonContent.Create(new { @params = new { text = "traced" } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-00f067aa0ba902b7-01");

        var response = await client.SendAsync(request);
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        var id = (await response.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!.GetValue<string>();

        var described = await ApiClient.DescribeAsync(client, tenant, id);
        Assert.Equal(traceId, described["traceId"]!.GetValue<string>());
    }
}
