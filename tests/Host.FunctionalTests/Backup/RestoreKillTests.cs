using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>
/// A real node killed with SIGKILL at several moments of a restore, then started again: the tenant is the old one
/// (two waiting instances, versions 1 and 2, version 2 active) or the restored one (one waiting instance, version 1
/// only), never a mix, and it works either way.
/// </summary>
public sealed class RestoreKillTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Tenant = "killed";

    [Fact]
    public async Task Kill_9_at_any_moment_of_a_restore_leaves_the_tenant_wholly_old_or_wholly_new()
    {
        using var dir = new TempDataDir();
        var node = await NodeProcess.StartAsync(dir.Path);
        try
        {
            byte[] archive;
            using (var admin = node.Client())
            {
                await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), System.Net.HttpStatusCode.Created);
                await ApiClient.DeployAsync(admin, Tenant, MixedWorkflow.Build(1));
                await ApiClient.CreateAsync(admin, Tenant, "mixed", MixedWorkflow.Waits, "w1");
                await ApiClient.WaitForStatusAsync(admin, Tenant, "w1", "waiting");
                archive = await BackupApi.BackupAsync(admin, Tenant);
            }

            // One restore that runs through says how long a restore takes; the kills are spread over that time.
            var took = System.Diagnostics.Stopwatch.StartNew();
            using (var admin = node.Client())
            {
                await BackupApi.RestoreAsync(admin, Tenant, archive);
                took.Stop();
                await MakeOldAsync(admin);
            }

            var outcomes = new List<string>();
            foreach (var fraction in new[] { 0.0, 0.2, 0.4, 0.55, 0.7, 0.8, 0.9, 1.0, 1.2 })
            {
                var delayMs = (int)(took.ElapsedMilliseconds * fraction);
                using (var admin = node.Client())
                {
                    var restore = BackupApi.PostRestoreAsync(admin, Tenant, archive);
                    await Task.WhenAny(restore, Task.Delay(delayMs));
                    await node.KillAsync();
                    _ = restore.ContinueWith(t => t.Exception, TaskScheduler.Default);
                }

                node.Dispose();
                node = await NodeProcess.StartAsync(dir.Path);
                using (var admin = node.Client())
                {
                    var state = await StateAsync(admin);
                    outcomes.Add($"{delayMs} ms: {state}");
                    Assert.Equal("ok", BackupApi.IntegrityCheck(Path.Combine(dir.Path, "tenants", Tenant, "log.db")));
                    Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "tenants"), ".*"));
                    Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir.Path, "tenants"), "*.restore.json*"));
                    if (state == "new")
                    {
                        await MakeOldAsync(admin);
                    }
                }
            }

            output.WriteLine($"after each kill: {string.Join(", ", outcomes)}");

            // The last restore runs through; the restored instance then finishes on the restored code.
            using (var admin = node.Client())
            {
                await BackupApi.RestoreAsync(admin, Tenant, archive);
                Assert.Equal("new", await StateAsync(admin));
                await ApiClient.SendEventAsync(admin, Tenant, "w1", "go", new { who = "end" });
                Assert.Equal("v1 go end", (await ApiClient.WaitForStatusAsync(admin, Tenant, "w1", "complete"))["output"]!.GetValue<string>());
            }
        }
        finally
        {
            node.Dispose();
        }
    }

    /// <summary>Moves the tenant past the archive: a second waiting instance and a second, active version.</summary>
    private static async Task MakeOldAsync(HttpClient admin)
    {
        await ApiClient.DeployAsync(admin, Tenant, MixedWorkflow.Build(2));
        await ApiClient.CreateAsync(admin, Tenant, "mixed", MixedWorkflow.Waits, "w2");
        await ApiClient.WaitForStatusAsync(admin, Tenant, "w2", "waiting");
    }

    /// <summary>"old" or "new"; fails on any mix of the two.</summary>
    private static async Task<string> StateAsync(HttpClient admin)
    {
        var instances = await BackupApi.InstancesAsync(admin, Tenant);
        var deployments = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{Tenant}/deployments"))!;
        var versions = deployments["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()).ToList();
        var active = deployments["active"]!.GetValue<int>();
        var state = $"instances {string.Join(",", instances.Select(i => i.Key + "=" + i.Value))}; versions {string.Join(",", versions)}; active {active}";
        if (instances.Count == 1 && instances["w1"] == "waiting" && versions.SequenceEqual([1]) && active == 1)
        {
            return "new";
        }

        Assert.True(instances.Count == 2 && instances.Values.All(s => s == "waiting") && active == versions.Max() && versions.Count >= 2,
            $"the tenant is neither the old nor the restored one: {state}");
        return "old";
    }
}
