using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Plugins;

/// <summary>Whose fault a failed deployment is: the upload's (422, with reasons) or the host's (500, nothing blamed on the upload).</summary>
public sealed class DeploymentFaultTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_host_side_failure_while_storing_a_valid_upload_is_a_500_that_does_not_blame_the_upload()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "hostfault");
        var deployments = Path.Combine(host.DataDir, "tenants", tenant, "deployments");
        Directory.CreateDirectory(Path.GetDirectoryName(deployments)!);
        // Something on the host's disk is in the way: a file where the versions folder belongs.
        await File.WriteAllTextAsync(deployments, "not a folder");
        var dll = VersionedWorkflow.Build(1);

        var refused = await UploadAsync(client, tenant, dll);

        var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.InternalServerError);
        Assert.Equal("urn:skein:problem:host-fault", problem["type"]!.GetValue<string>());
        Assert.Contains("a fault on the host, not in the upload", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(problem["problems"]);
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments"))!["versions"]!.AsArray());

        File.Delete(deployments);
        var retried = await UploadAsync(client, tenant, dll);
        await ApiClient.EnsureAsync(retried, HttpStatusCode.Created);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<JsonObject>())!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_version_folder_left_behind_by_an_earlier_failure_does_not_block_the_next_upload()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "orphan");
        var orphan = Path.Combine(host.DataDir, "tenants", tenant, "deployments", "1");
        Directory.CreateDirectory(orphan);
        await File.WriteAllTextAsync(Path.Combine(orphan, "leftover.dll"), "half a version");

        var deployed = await UploadAsync(client, tenant, VersionedWorkflow.Build(1));

        await ApiClient.EnsureAsync(deployed, HttpStatusCode.Created);
        Assert.False(File.Exists(Path.Combine(orphan, "leftover.dll")));
        Assert.Equal("v1 then v1 - -", (await ApiClient.CreateAsync(client, tenant, "pinned", 0, wait: "30s"))["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_workflow_that_throws_while_loading_is_the_uploads_fault_422_with_the_reason()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "ctor");
        var dll = TestAssemblies.Compile("Throws.Tenant", """
            namespace Throws;

            [Workflow("throws")]
            public sealed class ThrowsWorkflow : Workflow<int, int>
            {
                public ThrowsWorkflow() => throw new InvalidOperationException("the constructor needs a licence key");

                public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) => Task.FromResult(1);
            }
            """);

        var refused = await UploadAsync(client, tenant, dll);

        var problem = await ApiClient.ProblemAsync(refused, HttpStatusCode.UnprocessableEntity);
        Assert.Equal("urn:skein:problem:upload-rejected", problem["type"]!.GetValue<string>());
        var reason = Assert.Single(problem["problems"]!.AsArray())!;
        Assert.Equal("load-failed", reason["code"]!.GetValue<string>());
        Assert.Contains("the constructor needs a licence key", reason["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(host.DataDir, "tenants", tenant, "deployments", "1")));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string tenant, byte[] dll)
    {
        using var content = new ByteArrayContent(dll);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return await client.PostAsync($"/v1/tenants/{tenant}/deployments", content);
    }
}
