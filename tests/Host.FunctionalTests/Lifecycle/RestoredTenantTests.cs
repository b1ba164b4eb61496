using System.Net;
using System.Net.Http.Json;
using Skein.Host.FunctionalTests.Backup;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Lifecycle;

/// <summary>A restore replaces the tenant's runtime: requests bound to the old one end instead of reading the new one.</summary>
public sealed class RestoredTenantTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_restore_ends_an_open_wait_with_503_and_an_open_stream_with_end()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "restored");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "held");
        await ApiClient.WaitForStatusAsync(client, tenant, "held", "waiting");
        var archive = await BackupApi.BackupAsync(admin, tenant);

        // Creating an existing id waits for that instance to end: it never does before the restore.
        var waiting = client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances?wait=30s", new { id = "held", @params = 1 });
        using var stream = await ServerSentEvents.OpenAsync(client, tenant, "held");
        Assert.Equal("status", (await stream.NextAsync(CancellationToken.None))!.Kind);
        await BackupApi.RestoreAsync(admin, tenant, archive);

        var waited = await waiting;
        await ApiClient.ProblemAsync(waited, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(waited.Headers.RetryAfter);
        var rest = await stream.ReadToEndAsync();
        Assert.Equal(("end", "{\"reason\":\"tenant-stopped\"}"), (rest[^1].Kind, rest[^1].Data));
        await ApiClient.SendEventAsync(client, tenant, "held", "go", new { who = "after" });
        await ApiClient.WaitForStatusAsync(client, tenant, "held", "complete");
    }
}
