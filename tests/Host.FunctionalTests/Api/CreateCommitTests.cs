using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Engine;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

public sealed class CreateCommitTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_create_is_not_answered_201_before_its_commit()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "held");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        var log = host.Services.GetRequiredService<TenantRuntimes>().Runtime(tenant).Log;

        using var gate = log.HoldCommits();
        var create = client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances", new { id = "held-1", @params = 1 });
        await Eventually.Until(() => gate.BatchesHeld, n => n > 0, "the create's batch held at the commit gate");

        Assert.False(create.IsCompleted);

        gate.Release();
        var created = await create.WaitAsync(Eventually.DefaultDeadline);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await ApiClient.WaitForStatusAsync(client, tenant, "held-1", "waiting");
    }
}
