using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>
/// The real host killed (SIGKILL of itself, <c>Skein:Testing:KillAt</c>) at each named point of a restore, from the
/// swap's own list, then started again without the option: before the commit point the tenant is exactly the old one,
/// at and after it exactly the restored one, with nothing of the restore left behind, and its waiting instances
/// take their events and complete.
/// </summary>
public sealed class RestoreKillAtTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const string Tenant = "killed-at";

    /// <summary>Every crash point, read from the code: a point added there is tested here without a change.</summary>
    public static TheoryData<string> Points => new(TenantSwap.CrashPoints);

    [Theory]
    [MemberData(nameof(Points))]
    public async Task Killed_at_a_named_point_of_a_restore_the_tenant_is_wholly_old_before_the_commit_and_wholly_new_from_it(string point)
    {
        var restored = Array.IndexOf(TenantSwap.CrashPoints, point) >= Array.IndexOf(TenantSwap.CrashPoints, TenantSwap.CommitPoint);
        using var dir = new TempDataDir();
        using (var node = await NodeProcess.StartAsync(dir.Path, new Dictionary<string, string> { ["Skein__Testing__KillAt"] = point }))
        {
            using var admin = node.Client();
            // The archive: version 1 and one waiting instance. Then the live tenant moves on: version 2 active, a second instance.
            await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), HttpStatusCode.Created);
            await ApiClient.DeployAsync(admin, Tenant, MixedWorkflow.Build(1));
            await ApiClient.CreateAsync(admin, Tenant, "mixed", MixedWorkflow.Waits, "w1");
            await ApiClient.WaitForStatusAsync(admin, Tenant, "w1", "waiting");
            var archive = await BackupApi.BackupAsync(admin, Tenant);
            await ApiClient.DeployAsync(admin, Tenant, MixedWorkflow.Build(2));
            await ApiClient.CreateAsync(admin, Tenant, "mixed", MixedWorkflow.Waits, "w2");
            await ApiClient.WaitForStatusAsync(admin, Tenant, "w2", "waiting");

            var restore = BackupApi.PostRestoreAsync(admin, Tenant, archive);
            var exitCode = await node.WaitForExitAsync(TimeSpan.FromSeconds(60));
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => restore);
            Assert.Equal(137, exitCode);
            Assert.Contains($"killing itself at restore point {point}", node.Output, StringComparison.Ordinal);
        }

        using (var node = await NodeProcess.StartAsync(dir.Path))
        {
            using var admin = node.Client();
            var state = await StateAsync(admin);
            output.WriteLine($"killed at {point}: {state}");
            Assert.Equal(restored
                ? "instances w1=waiting; versions 1; active 1"
                : "instances w1=waiting,w2=waiting; versions 1,2; active 2", state);
            Assert.Equal("ok", BackupApi.IntegrityCheck(Path.Combine(dir.Path, "tenants", Tenant, "log.db")));
            Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(dir.Path, "tenants"), ".*"));
            Assert.Empty(Directory.EnumerateFiles(Path.Combine(dir.Path, "tenants"), "*.restore.json*"));

            await ApiClient.SendEventAsync(admin, Tenant, "w1", "go", new { who = point });
            Assert.Equal($"v1 go {point}", (await ApiClient.WaitForStatusAsync(admin, Tenant, "w1", "complete"))["output"]!.GetValue<string>());
            if (!restored)
            {
                await ApiClient.SendEventAsync(admin, Tenant, "w2", "go", new { who = point });
                Assert.Equal($"v2 go {point}", (await ApiClient.WaitForStatusAsync(admin, Tenant, "w2", "complete"))["output"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public void The_commit_point_is_one_of_the_named_points() => Assert.Contains(TenantSwap.CommitPoint, TenantSwap.CrashPoints);

    [Fact]
    public async Task A_kill_point_that_is_not_a_point_of_a_restore_fails_start_naming_the_valid_points()
    {
        using var dir = new TempDataDir();
        using var host = HostProcess.Start(dir.Path, "--Skein:Testing:KillAt=half-way");

        Assert.NotEqual(0, await host.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Skein:Testing:KillAt is 'half-way', which is not a point of a restore", host.Output, StringComparison.Ordinal);
        Assert.Contains($"Valid points: {string.Join(", ", TenantSwap.CrashPoints)}.", host.Output, StringComparison.Ordinal);
    }

    /// <summary>The tenant as the API shows it: instances with their status, the versions, the active one.</summary>
    private static async Task<string> StateAsync(HttpClient admin)
    {
        var instances = await BackupApi.InstancesAsync(admin, Tenant);
        var deployments = (await admin.GetFromJsonAsync<JsonObject>($"/v1/tenants/{Tenant}/deployments"))!;
        var versions = deployments["versions"]!.AsArray().Select(v => v!["version"]!.GetValue<int>()).Order();
        return $"instances {string.Join(",", instances.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => i.Key + "=" + i.Value))}; "
            + $"versions {string.Join(",", versions)}; active {deployments["active"]}";
    }
}
