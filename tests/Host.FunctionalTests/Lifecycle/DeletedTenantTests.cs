using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>
/// Requests stay bound to the tenant they started on: a delete ends them, and a tenant created afterwards under the
/// same id is never what they answer with.
/// </summary>
public sealed class DeletedTenantTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_wait_and_a_stream_end_with_their_deleted_tenant_and_never_reach_the_tenant_created_under_its_id()
    {
        var logs = LogCapture.On(host.Services);
        var tenant = $"reuse-{Guid.NewGuid():n}"[..24];
        using var admin = host.Client();
        using var oldClient = host.Client(await CreateTenantAsync(admin, tenant));
        await ApiClient.DeployAsync(oldClient, tenant, VersionedWorkflow.Build(1));

        // Waits for an event that never comes, so the wait is still open when the tenant goes.
        var waiting = oldClient.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances?wait=15s", new { id = "shared", @params = 1 });
        await Eventually.UntilAsync(() => oldClient.GetAsync($"/v1/tenants/{tenant}/instances/shared"), r => r.StatusCode == HttpStatusCode.OK, "the instance to exist");
        await ApiClient.WaitForStatusAsync(oldClient, tenant, "shared", "waiting");
        using var stream = await ServerSentEvents.OpenAsync(oldClient, tenant, "shared");
        var first = await stream.NextAsync(CancellationToken.None);
        Assert.Equal("status", first!.Kind);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{tenant}")).StatusCode);

        // The stream ends with its end event.
        var rest = await stream.ReadToEndAsync();
        Assert.Equal("end", rest[^1].Kind);
        Assert.Equal("{\"reason\":\"tenant-deleted\"}", rest[^1].Data);

        // Another customer gets the id; its instance "shared" is its own and starts from scratch.
        using var newClient = host.Client(await CreateTenantAsync(admin, tenant));
        await ApiClient.DeployAsync(newClient, tenant, VersionedWorkflow.Build(7));
        var created = await newClient.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "shared", @params = 2 });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var done = await ApiClient.WaitForStatusAsync(newClient, tenant, "shared", "complete");
        Assert.Equal("v7 then v7 - -", done["output"]!.GetValue<string>());

        // The wait of the deleted tenant answered 404 (its tenant does not exist any more), never with this instance.
        var waited = await waiting;
        var problem = await ApiClient.ProblemAsync(waited, HttpStatusCode.NotFound);
        Assert.Equal($"Tenant '{tenant}' was deleted while this request ran.", problem["detail"]!.GetValue<string>());

        // An orderly delete is not an error, and nothing of the deleted tenant "will be retried".
        var aboutTenant = logs.Entries.Where(e => e.Message.Contains(tenant, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(aboutTenant, e => e.Level >= LogLevel.Error);
        Assert.DoesNotContain(aboutTenant, e => e.Message.Contains("will be retried", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_trigger_wait_ends_with_404_when_its_tenant_is_deleted()
    {
        var tenant = $"trig-{Guid.NewGuid():n}"[..24];
        using var admin = host.Client();
        using var client = host.Client(await CreateTenantAsync(admin, tenant));
        await ApiClient.DeployAsync(client, tenant, EventWaitTrigger);

        var waiting = client.PostAsJsonAsync($"/v1/tenants/{tenant}/run/hold?wait=15s", new { });
        await Eventually.UntilAsync(() => client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances?status=waiting"),
            page => page!["items"]!.AsArray().Count == 1, "the triggered instance to wait");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/tenants/{tenant}")).StatusCode);

        await ApiClient.ProblemAsync(await waiting, HttpStatusCode.NotFound);
    }

    private static readonly byte[] EventWaitTrigger = TestAssemblies.Compile("Hold.Tenant", """
        namespace Hold;

        public sealed record Go(string Who);

        [Workflow("hold"), HttpTrigger("POST", "hold")]
        public sealed class HoldWorkflow : Workflow<object?, string>
        {
            public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
            {
                var go = await step.WaitForEvent<Go>("go", new WaitForEventOptions { Type = "go" });
                return go.Payload.Who;
            }
        }
        """);

    private static async Task<string> CreateTenantAsync(HttpClient admin, string tenant)
    {
        var response = await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await ApiClient.EnsureAsync(response, HttpStatusCode.Created);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
    }
}
