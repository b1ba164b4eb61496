using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Skein.Host.FunctionalTests.Backup;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Moves;

/// <summary>
/// A frozen tenant on real host processes: the freeze outlives a <c>kill -9</c>, and its backup, taken while frozen,
/// is a whole tenant on a fresh node (the copy of a move).
/// </summary>
public sealed class FrozenTenantNodeTests
{
    [Fact]
    public async Task A_frozen_tenant_stays_frozen_across_a_kill_9_and_once_unfrozen_runs_its_instances_to_completion()
    {
        const string tenant = "frozen";
        using var dir = new TempDataDir();
        using var scratch = new TempDataDir();
        var node = await NodeProcess.StartAsync(dir.Path);
        try
        {
            DateTimeOffset napDue;
            using (var admin = node.Client())
            {
                await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = tenant }), HttpStatusCode.Created);
                await ApiClient.DeployAsync(admin, tenant, MixedWorkflow.Build(1));
                await ApiClient.CreateAsync(admin, tenant, "mixed", MixedWorkflow.Waits, "w1");
                await ApiClient.CreateAsync(admin, tenant, "mixed", MixedWorkflow.Sleeps, "s1");
                await ApiClient.WaitForStatusAsync(admin, tenant, "w1", "waiting");
                var sleeping = await ApiClient.WaitForStatusAsync(admin, tenant, "s1", "waiting");
                var nap = sleeping["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "nap")!;
                napDue = nap["start"]!.GetValue<DateTimeOffset>() + TimeSpan.FromSeconds(2);
                await FreezeApi.FreezeAsync(admin, tenant);
            }

            await node.KillAsync();
            node.Dispose();
            node = await NodeProcess.StartAsync(dir.Path);
            using (var admin = node.Client())
            {
                await Eventually.Until(() => DateTimeOffset.UtcNow, now => now > napDue + TimeSpan.FromSeconds(1), "the sleep to fall due");
                var shown = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!;
                var describe = await admin.GetAsync($"/v1/tenants/{tenant}/instances/w1");
                var send = await admin.PostAsJsonAsync($"/v1/tenants/{tenant}/instances/w1/events/go", new { who = "frozen" });
                var archive = await BackupApi.BackupAsync(admin, tenant);

                Assert.True(shown["frozen"]!.GetValue<bool>());
                await FreezeApi.AssertFrozenAsync(describe, tenant);
                await FreezeApi.AssertFrozenAsync(send, tenant);
                // The backup a move would copy: the sleep fell due during the freeze and did not wake.
                Assert.Equal(("waiting", "waiting"), (StatusIn(archive, scratch.Path, "w1"), StatusIn(archive, scratch.Path, "s1")));

                await FreezeApi.UnfreezeAsync(admin, tenant);
                await ApiClient.SendEventAsync(admin, tenant, "w1", "go", new { who = "after" });
                var waited = await ApiClient.WaitForStatusAsync(admin, tenant, "w1", "complete");
                var slept = await ApiClient.WaitForStatusAsync(admin, tenant, "s1", "complete");
                Assert.Equal("v1 go after", waited["output"]!.GetValue<string>());
                Assert.Equal("v1 slept", slept["output"]!.GetValue<string>());
                Assert.False((await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["frozen"]!.GetValue<bool>());
            }
        }
        finally
        {
            node.Dispose();
        }
    }

    [Fact]
    public async Task A_backup_of_a_frozen_tenant_restored_on_a_fresh_node_brings_every_instance_key_and_version()
    {
        const string tenant = "moved";
        using var sourceDir = new TempDataDir();
        using var targetDir = new TempDataDir();
        using var source = await NodeProcess.StartAsync(sourceDir.Path);
        using var target = await NodeProcess.StartAsync(targetDir.Path);
        using var sourceAdmin = source.Client();
        using var targetAdmin = target.Client();
        var created = await sourceAdmin.PostAsJsonAsync("/v1/tenants", new { id = tenant });
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var key = (await created.Content.ReadFromJsonAsync<JsonObject>())!["apiKey"]!.GetValue<string>();
        using var onSource = TenantClient(source, key);
        using var onTarget = TenantClient(target, key);
        await ApiClient.DeployAsync(onSource, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(onSource, tenant, "pinned", 1, "on-v1");
        await ApiClient.CreateAsync(onSource, tenant, "pinned", 0, "done");
        await ApiClient.DeployAsync(onSource, tenant, VersionedWorkflow.Build(2));
        await ApiClient.CreateAsync(onSource, tenant, "pinned", 1, "on-v2");
        await ApiClient.EnsureAsync(await sourceAdmin.PostAsync($"/v1/tenants/{tenant}/keys", null), HttpStatusCode.Created);
        await ApiClient.WaitForStatusAsync(onSource, tenant, "done", "complete");
        await ApiClient.WaitForStatusAsync(onSource, tenant, "on-v1", "waiting");
        await ApiClient.WaitForStatusAsync(onSource, tenant, "on-v2", "waiting");
        var instances = await BackupApi.InstancesAsync(onSource, tenant);
        var keys = await sourceAdmin.GetStringAsync($"/v1/tenants/{tenant}/keys");

        await FreezeApi.FreezeAsync(sourceAdmin, tenant);
        var archive = await BackupApi.BackupAsync(sourceAdmin, tenant);
        await BackupApi.RestoreAsync(targetAdmin, tenant, archive);
        await ApiClient.EnsureAsync(await sourceAdmin.DeleteAsync($"/v1/tenants/{tenant}"), HttpStatusCode.NoContent);

        Assert.Equal(instances, await BackupApi.InstancesAsync(onTarget, tenant));
        Assert.Equal(keys, await targetAdmin.GetStringAsync($"/v1/tenants/{tenant}/keys"));
        var deployments = (await onTarget.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/deployments"))!;
        Assert.Equal(2, deployments["active"]!.GetValue<int>());
        Assert.Equal([1, 2], deployments["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()));
        Assert.False((await targetAdmin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}"))!["frozen"]!.GetValue<bool>());
        await ApiClient.SendEventAsync(onTarget, tenant, "on-v1", "go", new { who = "moved" });
        await ApiClient.SendEventAsync(onTarget, tenant, "on-v2", "go", new { who = "moved" });
        Assert.Equal("v1 then v1 for moved",
            (await ApiClient.WaitForStatusAsync(onTarget, tenant, "on-v1", "complete"))["output"]!.GetValue<string>());
        Assert.Equal("v2 then v2 for moved",
            (await ApiClient.WaitForStatusAsync(onTarget, tenant, "on-v2", "complete"))["output"]!.GetValue<string>());
        await ApiClient.ProblemAsync(await onSource.GetAsync($"/v1/tenants/{tenant}/instances"), HttpStatusCode.Unauthorized);
    }

    private static HttpClient TenantClient(NodeProcess node, string key)
    {
        var client = new HttpClient { BaseAddress = node.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The status of instance <paramref name="id"/> in the tenant log inside a backup archive.</summary>
    private static string StatusIn(byte[] archive, string scratch, string id)
    {
        var path = Path.Combine(scratch, $"log-{Guid.NewGuid():n}.db");
        File.WriteAllBytes(path, BackupArchive.Read(archive).Files["log.db"]);
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT status FROM instances WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        return (string)command.ExecuteScalar()!;
    }
}
