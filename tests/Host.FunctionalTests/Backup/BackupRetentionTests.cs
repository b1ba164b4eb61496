using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>Retention deletes only what the scheduler took; a backup taken by hand stays until an operator deletes it.</summary>
public sealed class BackupRetentionTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Pruning_counts_and_deletes_scheduled_backups_only()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "keep");
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        var store = host.Services.GetRequiredService<BackupStore>();
        var beforeRiskyChange = store.Create(tenant, BackupKind.Manual).Id;
        var scheduled = Enumerable.Range(0, 3).Select(_ => store.Create(tenant, BackupKind.Scheduled).Id).ToList();
        var another = store.Create(tenant, BackupKind.Manual).Id;

        store.Prune(tenant, keep: 1);

        Assert.Equal([beforeRiskyChange, scheduled[2], another], store.List(tenant).Select(b => b.Id));
        Assert.Equal(["manual", "scheduled", "manual"], store.List(tenant).Select(b => b.KindName));
    }

    [Fact]
    public async Task An_operator_can_make_retention_count_manual_backups_too()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "all");
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        var store = host.Services.GetRequiredService<BackupStore>();
        store.Create(tenant, BackupKind.Manual);
        var newer = store.Create(tenant, BackupKind.Scheduled).Id;
        var newest = store.Create(tenant, BackupKind.Manual).Id;

        store.Prune(tenant, keep: 2, includeManual: true);

        Assert.Equal([newer, newest], store.List(tenant).Select(b => b.Id));
    }

    [Fact]
    public async Task The_scheduler_prunes_around_a_backup_taken_by_hand()
    {
        using var dir = new TempDataDir();
        var app = SkeinHost.Create([
            "--urls=http://127.0.0.1:0",
            $"--Skein:DataDir={dir.Path}",
            $"--Skein:AdminKey={HostFixture.AdminKey}",
            "--Skein:Backup:Interval=00:00:00.300",
            "--Skein:Backup:Retention=1",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        try
        {
            app.Services.GetRequiredService<Tenants.TenantRegistry>().Create("manual", null);
            var store = app.Services.GetRequiredService<BackupStore>();
            var byHand = store.Create("manual", BackupKind.Manual).Id;
            var seen = new HashSet<string>(StringComparer.Ordinal);

            // Three scheduled backups seen come and go: retention (1) ran at least twice with the manual one present.
            var listed = await Eventually.Until(() => store.List("manual"), l =>
            {
                seen.UnionWith(l.Where(b => b.Kind == BackupKind.Scheduled).Select(b => b.Id));
                return seen.Count >= 3 && l.Count(b => b.Kind == BackupKind.Scheduled) == 1;
            }, "three scheduled backups, pruned down to one");

            Assert.Contains(byHand, listed.Select(b => b.Id));
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_backup_taken_over_the_API_says_it_is_manual()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "api");
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        using var admin = host.Client();

        var created = await admin.PostAsync($"/v1/tenants/{tenant}/backups", null);

        await ApiClient.EnsureAsync(created, HttpStatusCode.Created);
        Assert.Equal("manual", (await created.Content.ReadFromJsonAsync<JsonObject>())!["kind"]!.GetValue<string>());
    }
}
