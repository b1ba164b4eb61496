using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>What a restore and a delete do to a tenant's limits and stored backups.</summary>
public sealed class TenantLifecycleBackupTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Restore_over_an_existing_tenant_puts_back_the_archived_limits()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "limits");
        using var admin = host.Client();
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits",
            new { maxConcurrentInstances = 3, maxPayloadBytes = 4096 }), HttpStatusCode.OK);
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        var archive = await BackupApi.BackupAsync(admin, tenant);
        await ApiClient.EnsureAsync(await admin.PutAsJsonAsync($"/v1/tenants/{tenant}/limits",
            new { maxConcurrentInstances = 9 }), HttpStatusCode.OK);

        await BackupApi.RestoreAsync(admin, tenant, archive);

        var limits = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["limits"]!;
        Assert.Equal(3, limits["maxConcurrentInstances"]!.GetValue<int>());
        Assert.Equal(4096, limits["maxPayloadBytes"]!.GetValue<int>());
        var inForce = host.Services.GetRequiredService<TenantRuntimes>().Runtime(tenant).Limits;
        Assert.Equal(3, inForce.MaxConcurrentInstances);
        Assert.Equal(4096, inForce.MaxPayloadBytes);
    }

    [Fact]
    public async Task Deleting_a_tenant_keeps_its_stored_backups_and_lists_them_in_the_answer()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "gone");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "kept", wait: "30s");
        var taken = await admin.PostAsync($"/v1/tenants/{tenant}/backups", null);
        await ApiClient.EnsureAsync(taken, HttpStatusCode.Created);
        var id = (await taken.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();

        var deleted = await admin.DeleteAsync($"/v1/tenants/{tenant}");

        await ApiClient.EnsureAsync(deleted, HttpStatusCode.OK);
        var body = (await deleted.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.True(body["deleted"]!.GetValue<bool>());
        Assert.Equal(id, Assert.Single(body["backupsKept"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Contains($"restore?backup=", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        await ApiClient.ProblemAsync(await admin.GetAsync($"/v1/tenants/{tenant}"), HttpStatusCode.NotFound);
        Assert.Equal(id, Assert.Single((await admin.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/backups"))!)!["id"]!.GetValue<string>());

        await ApiClient.EnsureAsync(await admin.PostAsync($"/v1/tenants/{tenant}/restore?backup={id}", null), HttpStatusCode.OK);
        Assert.Equal(["kept"], (await BackupApi.InstancesAsync(admin, tenant)).Keys);
    }

    [Fact]
    public async Task Deleting_a_tenant_without_stored_backups_answers_no_content()
    {
        var (tenant, _) = await ApiClient.NewTenantAsync(host, "none");
        using var admin = host.Client();

        await ApiClient.EnsureAsync(await admin.DeleteAsync($"/v1/tenants/{tenant}"), HttpStatusCode.NoContent);
    }
}
