using System.Collections;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;
using static Skein.Host.FunctionalTests.ApiDocument.GeneratedClient;

namespace Skein.Host.FunctionalTests.ApiDocument;

/// <summary>
/// The document is good enough to generate a typed client from (issue 13 item 5): NSwag generates C# from the running
/// host's <c>/openapi/v1.json</c>, Roslyn compiles it, and the client drives a real host through a tenant's first hour.
/// </summary>
public sealed class GeneratedClientTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Tenant = "generated-client";

    [Fact]
    public async Task A_client_generated_from_the_document_creates_a_tenant_deploys_starts_and_describes()
    {
        using var anonymous = host.Client(key: null);
        var generated = await GenerateAsync(await anonymous.GetStringAsync("/openapi/v1.json"));
        using var adminHttp = host.Client();
        var admin = generated.Client(adminHttp);

        var createTenant = Activator.CreateInstance(generated.Type("CreateTenantRequest"))!;
        createTenant.GetType().GetProperty("Id")!.SetValue(createTenant, Tenant);
        var created = (await CallAsync(admin, "CreateTenantAsync", createTenant))!;
        Assert.Equal(Tenant, Get(created, "Id"));
        var key = Assert.IsType<string>(Get(created, "ApiKey"));

        using var tenantHttp = host.Client(key);
        var client = generated.Client(tenantHttp);
        var upload = Activator.CreateInstance(generated.Type("FileParameter"), new MemoryStream(VersionedWorkflow.Build(1)), "Pinned.Tenant.dll",
            "application/octet-stream")!;
        var deployment = (await CallAsync(client, "UploadDeploymentAsync", Tenant, upload))!;
        Assert.Equal(1, Get(deployment, "Version"));
        Assert.Equal(["pinned"], ((IEnumerable)Get(deployment, "Workflows")!).Cast<string>());

        var start = Activator.CreateInstance(generated.Type("CreateInstanceRequest"))!;
        start.GetType().GetProperty("Id")!.SetValue(start, "order-1");
        start.GetType().GetProperty("Params")!.SetValue(start, 0);
        var started = (await CallAsync(client, "CreateInstanceAsync", Tenant, "pinned", "30s", start))!;
        Assert.Equal("order-1", Get(started, "Id"));
        Assert.Equal("complete", Get(started, "Status"));

        var described = (await CallAsync(client, "DescribeInstanceAsync", Tenant, "order-1"))!;
        Assert.Equal("pinned", Get(described, "Workflow"));
        Assert.Equal("v1 then v1 - -", Get(described, "Output")?.ToString());
        var step = Assert.Single(((IEnumerable)Get(described, "Steps")!).Cast<object>());
        Assert.Equal("first", Get(step, "Name"));
        Assert.Equal("step", Get(step, "Type"));
        var attempt = Assert.Single(((IEnumerable)Get(step, "Attempts")!).Cast<object>());
        Assert.Equal(true, Get(attempt, "Success"));

        var missing = await Assert.ThrowsAnyAsync<Exception>(() => CallAsync(client, "DescribeInstanceAsync", Tenant, "no-such-instance"));
        Assert.Equal($"{Namespace}.ApiException`1", missing.GetType().GetGenericTypeDefinition().FullName);
        Assert.Equal(404, Get(missing, "StatusCode"));
        var problem = Get(missing, "Result")!;
        Assert.Equal("urn:skein:problem:not-found", Get(problem, "Type"));
        Assert.Equal("Instance 'no-such-instance' does not exist.", Get(problem, "Detail"));
    }
}
