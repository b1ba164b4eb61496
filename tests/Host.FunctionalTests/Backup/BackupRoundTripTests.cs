using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

public sealed class BackupRoundTripTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_backup_taken_under_load_restores_on_a_fresh_node_where_every_unfinished_instance_finishes()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "trip");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "done", wait: "30s");
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "waits");
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Sleeps, "sleeps");
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Runs, "runs");
        await ApiClient.WaitForStatusAsync(client, tenant, "waits", "waiting");

        // Writers keep creating instances while the backup is taken.
        var acknowledged = new ConcurrentDictionary<string, long>();
        var attempted = new ConcurrentDictionary<string, bool>();
        long backupStarted = long.MaxValue;
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"load-{w}-{n}";
                attempted[id] = true;
                var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/mixed/instances", new { id, @params = MixedWorkflow.Done });
                Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
                acknowledged[id] = Environment.TickCount64;
            }
        })).ToList();
        await Eventually.Until(() => acknowledged.Count >= 50, "the load to get going");

        Interlocked.Exchange(ref backupStarted, Environment.TickCount64);
        var archive = await BackupApi.BackupAsync(admin, tenant);
        var ackedBefore = acknowledged.Where(a => a.Value < backupStarted).Select(a => a.Key).ToHashSet();
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var manifest = BackupArchive.Read(archive).Manifest;
        Assert.Equal(tenant, manifest["tenant"]!.GetValue<string>());
        Assert.True(manifest["lastPosition"]!.GetValue<long>() > 0);

        var fresh = new HostFixture();
        await fresh.InitializeAsync();
        try
        {
            await VerifyOnFreshNodeAsync(fresh, tenant, client.DefaultRequestHeaders.Authorization!.Parameter!, archive, manifest, ackedBefore,
                [.. attempted.Keys, "done", "waits", "sleeps", "runs"]);
        }
        finally
        {
            await fresh.DisposeAsync();
        }
    }

    private static async Task VerifyOnFreshNodeAsync(HostFixture fresh, string tenant, string tenantKeyValue, byte[] archive, System.Text.Json.Nodes.JsonObject manifest,
        HashSet<string> ackedBefore, HashSet<string> attempted)
    {
        using var freshAdmin = fresh.Client();
        var restored = await BackupApi.RestoreAsync(freshAdmin, tenant, archive);
        Assert.Equal(tenant, restored["tenant"]!.GetValue<string>());
        using var tenantKey = fresh.Client(tenantKeyValue);
        Assert.Equal("waiting", (await ApiClient.DescribeAsync(tenantKey, tenant, "waits"))["status"]!.GetValue<string>());

        var instances = await BackupApi.InstancesAsync(freshAdmin, tenant);
        Assert.Equal(manifest["instances"]!.GetValue<long>(), instances.Count);
        Assert.Subset(instances.Keys.ToHashSet(), ackedBefore);
        Assert.Superset(instances.Keys.ToHashSet(), attempted);
        Assert.Equal("ok", BackupApi.IntegrityCheck(Path.Combine(fresh.DataDir, "tenants", tenant, "log.db")));

        await ApiClient.SendEventAsync(freshAdmin, tenant, "waits", "go", new { who = "ann" });
        Assert.Equal("v1 go ann", (await ApiClient.WaitForStatusAsync(freshAdmin, tenant, "waits", "complete"))["output"]!.GetValue<string>());
        Assert.Equal("v1 slept", (await ApiClient.WaitForStatusAsync(freshAdmin, tenant, "sleeps", "complete"))["output"]!.GetValue<string>());
        Assert.Equal("v1 ran", (await ApiClient.WaitForStatusAsync(freshAdmin, tenant, "runs", "complete"))["output"]!.GetValue<string>());
        await Eventually.UntilAsync(() => BackupApi.InstancesAsync(freshAdmin, tenant), all => all.Values.All(s => s == "complete"),
            "every restored instance to complete");
    }

    [Fact]
    public async Task Restore_over_a_live_tenant_puts_back_the_archived_state_and_resumes_it()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "over");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "a");
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "b");
        await ApiClient.WaitForStatusAsync(client, tenant, "a", "waiting");
        await ApiClient.WaitForStatusAsync(client, tenant, "b", "waiting");
        var archive = await BackupApi.BackupAsync(admin, tenant);

        // Life goes on after the backup: one instance ends, another starts, a new version is deployed.
        await ApiClient.SendEventAsync(client, tenant, "a", "go", new { who = "before" });
        await ApiClient.WaitForStatusAsync(client, tenant, "a", "complete");
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build(2));
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "c");
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Runs, "busy");

        await BackupApi.RestoreAsync(admin, tenant, archive);

        var instances = await BackupApi.InstancesAsync(client, tenant);
        Assert.Equal(new Dictionary<string, string> { ["a"] = "waiting", ["b"] = "waiting" }, instances);
        var deployments = await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonObject>($"/v1/tenants/{tenant}/deployments");
        Assert.Equal(1, deployments!["active"]!.GetValue<int>());
        Assert.Single(deployments["versions"]!.AsArray());
        await ApiClient.SendEventAsync(client, tenant, "a", "go", new { who = "after" });
        var a = await ApiClient.WaitForStatusAsync(client, tenant, "a", "complete");
        Assert.Equal("v1 go after", a["output"]!.GetValue<string>());
        var first = a["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "first");
        Assert.Single(first!["attempts"]!.AsArray());
        var fresh = await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, wait: "30s");
        Assert.Equal("v1 done", fresh["output"]!.GetValue<string>());
    }

    [Fact]
    public async Task Creates_during_a_restore_answer_201_or_503_with_Retry_After_and_at_least_one_overlaps_it()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "busy");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        var archive = await BackupApi.BackupAsync(admin, tenant);
        using var stop = new CancellationTokenSource();
        var wrong = new ConcurrentBag<string>();
        var answered = new ConcurrentBag<(long Start, long End, int Status)>();
        var load = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/mixed/instances", new { @params = MixedWorkflow.Done });
                var end = System.Diagnostics.Stopwatch.GetTimestamp();
                answered.Add((start, end, (int)response.StatusCode));
                // 201: created (before or after the swap); 503 + Retry-After: met the runtime being quiesced, took no effect.
                var fine = response.StatusCode == HttpStatusCode.Created
                    || response.StatusCode == HttpStatusCode.ServiceUnavailable && response.Headers.RetryAfter is not null;
                if (!fine)
                {
                    wrong.Add($"{(int)response.StatusCode} (Retry-After: {response.Headers.RetryAfter}): {await response.Content.ReadAsStringAsync()}");
                }
            }
        })).ToList();

        // Restore until a request provably overlapped one (at least three times, at most twenty): a request that
        // started after a restore began and was answered before it ended, or a 503, which only a restore gives here.
        var restores = new List<(long Start, long End)>();
        for (var i = 0; i < 20 && (i < 3 || !Overlapped(answered, restores)); i++)
        {
            var start = System.Diagnostics.Stopwatch.GetTimestamp();
            await BackupApi.RestoreAsync(admin, tenant, archive);
            restores.Add((start, System.Diagnostics.Stopwatch.GetTimestamp()));
        }

        await stop.CancelAsync();
        await Task.WhenAll(load);
        Assert.Empty(wrong);
        Assert.True(Overlapped(answered, restores),
            $"No create overlapped any of {restores.Count} restores ({answered.Count} answered): the test proved nothing.");
        await Eventually.UntilAsync(() => BackupApi.InstancesAsync(client, tenant), all => all.Values.All(s => s == "complete"),
            "every instance created after the last restore to complete");
    }

    private static bool Overlapped(ConcurrentBag<(long Start, long End, int Status)> answered, List<(long Start, long End)> restores) =>
        answered.Any(a => a.Status == (int)HttpStatusCode.ServiceUnavailable
            || restores.Any(r => a.Start >= r.Start && a.End <= r.End));

    [Fact]
    public async Task Restore_as_another_id_clones_the_tenant_and_leaves_the_source_alone()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "src");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "w");
        await ApiClient.WaitForStatusAsync(client, tenant, "w", "waiting");
        var archive = await BackupApi.BackupAsync(admin, tenant);
        var clone = "clone-" + Guid.NewGuid().ToString("n")[..10];

        var restored = await BackupApi.RestoreAsync(admin, tenant, archive, @as: clone);

        Assert.Equal(clone, restored["tenant"]!.GetValue<string>());
        // A clone does not take the source's keys: one key never opens two tenants.
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.GetAsync($"/v1/tenants/{clone}/instances/w")).StatusCode);
        Assert.Equal(tenant, restored["restoredFrom"]!.GetValue<string>());
        await ApiClient.SendEventAsync(admin, clone, "w", "go", new { who = "clone" });
        Assert.Equal("v1 go clone", (await ApiClient.WaitForStatusAsync(admin, clone, "w", "complete"))["output"]!.GetValue<string>());
        Assert.Equal("waiting", (await ApiClient.DescribeAsync(client, tenant, "w"))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Backup_and_restore_need_the_admin_key()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "auth");

        var backup = await client.GetAsync($"/v1/tenants/{tenant}/backup");
        var restore = await BackupApi.PostRestoreAsync(client, tenant, [1, 2, 3]);

        await ApiClient.ProblemAsync(backup, HttpStatusCode.Forbidden);
        await ApiClient.ProblemAsync(restore, HttpStatusCode.Forbidden);
    }
}
