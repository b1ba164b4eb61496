using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

public sealed class StoredBackupTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Stored_backups_are_listed_downloaded_restored_and_deleted()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "stored");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "w");
        await ApiClient.WaitForStatusAsync(client, tenant, "w", "waiting");

        var created = await admin.PostAsync($"/v1/tenants/{tenant}/backups", null);
        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        var id = (await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "later", wait: "30s");

        var listed = await admin.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/backups");
        Assert.Equal(id, Assert.Single(listed!)!["id"]!.GetValue<string>());
        var downloaded = await admin.GetByteArrayAsync($"/v1/tenants/{tenant}/backups/{id}");
        Assert.Equal(tenant, BackupArchive.Read(downloaded).Manifest["tenant"]!.GetValue<string>());

        var restored = await admin.PostAsync($"/v1/tenants/{tenant}/restore?backup={id}", null);
        await ApiClient.EnsureAsync(restored, HttpStatusCode.OK);
        Assert.Equal(["w"], (await BackupApi.InstancesAsync(client, tenant)).Keys);

        await ApiClient.EnsureAsync(await admin.DeleteAsync($"/v1/tenants/{tenant}/backups/{id}"), HttpStatusCode.NoContent);
        Assert.Empty((await admin.GetFromJsonAsync<JsonArray>($"/v1/tenants/{tenant}/backups"))!);
        await ApiClient.ProblemAsync(await admin.GetAsync($"/v1/tenants/{tenant}/backups/{id}"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Pruning_keeps_the_newest_backups_and_a_partial_archive_is_not_listed()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "prune");
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        var store = host.Services.GetRequiredService<BackupStore>();
        var made = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            made.Add(store.Create(tenant, BackupKind.Scheduled).Id);
        }

        await File.WriteAllBytesAsync(Path.Combine(store.Folder(tenant), ".partial-20990101T000000000Z-abcdef.zip"), [1, 2, 3]);
        store.Prune(tenant, keep: 2);

        Assert.Equal(made.Order(StringComparer.Ordinal).TakeLast(2), store.List(tenant).Select(b => b.Id));
    }

    [Fact]
    public async Task The_scheduler_backs_up_every_interval_and_keeps_the_retention_count()
    {
        using var dir = new TempDataDir();
        var app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dir.Path}",
            $"--Skein:AdminKey={HostFixture.AdminKey}",
            "--Skein:Backup:Interval=00:00:00.300",
            "--Skein:Backup:Retention=2",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            var registry = app.Services.GetRequiredService<Tenants.TenantRegistry>();
            registry.Create("sched", null);
            var store = app.Services.GetRequiredService<BackupStore>();
            var first = await Eventually.Until(() => store.List("sched"), l => l.Count >= 1, "a first scheduled backup");
            var later = await Eventually.Until(() => store.List("sched"), l => l.Count == 2 && l.All(b => b.Id != first[0].Id),
                "the first backup to be pruned after two newer ones");
            Assert.Equal(2, later.Count);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
