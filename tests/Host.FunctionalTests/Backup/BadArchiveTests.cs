using System.Net;
using System.Text.Json.Nodes;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

public sealed class BadArchiveTests(HostFixture host) : IClassFixture<HostFixture>
{
    public static TheoryData<string> Cases { get; } =
    [
        "not-a-zip", "zip-slip", "checksum-mismatch", "truncated-log", "corrupt-log", "newer-schema", "missing-version",
        "invalid-version", "unlisted-file", "other-tenant",
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_archive_is_refused_with_the_reason_and_the_live_tenant_is_untouched(string bad)
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "bad");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Waits, "live");
        await ApiClient.WaitForStatusAsync(client, tenant, "live", "waiting");
        var good = await BackupApi.BackupAsync(admin, tenant);
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "after", wait: "30s");
        var (body, expected, reason) = await Tamper(bad, good, tenant);

        var response = await BackupApi.PostRestoreAsync(admin, tenant, body);

        var problem = await ApiClient.ProblemAsync(response, expected);
        Assert.Contains(reason, problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        var instances = await BackupApi.InstancesAsync(client, tenant);
        Assert.Equal(new Dictionary<string, string> { ["live"] = "waiting", ["after"] = "complete" }, instances);
        await ApiClient.SendEventAsync(client, tenant, "live", "go", new { who = "still here" });
        await ApiClient.WaitForStatusAsync(client, tenant, "live", "complete");
        Assert.Empty(Directory.EnumerateFileSystemEntries(Path.Combine(host.DataDir, "tenants"), $"*{tenant}*.restore*"));
        Assert.Empty(Directory.EnumerateDirectories(Path.Combine(host.DataDir, "tenants"), $".restore-{tenant}-*"));
    }

    private async Task<(byte[] Body, HttpStatusCode Status, string Reason)> Tamper(string bad, byte[] good, string tenant)
    {
        var archive = BackupArchive.Read(good);
        var log = archive.Files["log.db"];
        var dll = archive.Files.Keys.Single(k => k.StartsWith("deployments/1/", StringComparison.Ordinal) && k.EndsWith(".dll", StringComparison.Ordinal));
        switch (bad)
        {
            case "not-a-zip":
                return ("this is not a zip"u8.ToArray(), HttpStatusCode.BadRequest, "not a zip");
            case "zip-slip":
                return (archive.Write(recomputeManifest: false, [("../escape.txt", "x"u8.ToArray())]), HttpStatusCode.UnprocessableEntity, "unsafe");
            case "checksum-mismatch":
                var flipped = (byte[])log.Clone();
                flipped[^100] ^= 0xff;
                archive.Files["log.db"] = flipped;
                return (archive.Write(recomputeManifest: false), HttpStatusCode.UnprocessableEntity, "checksum mismatch");
            case "truncated-log":
                archive.Files["log.db"] = log[..(log.Length / 2)];
                return (archive.Write(), HttpStatusCode.UnprocessableEntity, "log.db");
            case "corrupt-log":
                var garbled = (byte[])log.Clone();
                Array.Fill(garbled, (byte)0x5a, 4096, Math.Min(4096, garbled.Length - 4096));
                archive.Files["log.db"] = garbled;
                return (archive.Write(), HttpStatusCode.UnprocessableEntity, "log.db");
            case "newer-schema":
                archive.Files["log.db"] = BackupApi.WithUserVersion(log, 99);
                archive.Manifest["schemaVersion"] = 99;
                return (archive.Write(), HttpStatusCode.UnprocessableEntity, "schema version 99");
            case "missing-version":
                foreach (var key in archive.Files.Keys.Where(k => k.StartsWith("deployments/", StringComparison.Ordinal)).ToList())
                {
                    archive.Files.Remove(key);
                }

                archive.Manifest["versions"] = new JsonArray();
                return (archive.Write(), HttpStatusCode.UnprocessableEntity, "does not hold it");
            case "invalid-version":
                var evil = MixedWorkflow.Build(1, "public static class Evil { public static string Peek() => System.IO.File.ReadAllText(\"/etc/passwd\"); }");
                archive.Files[dll] = evil;
                var versionManifestPath = "deployments/1/manifest.json";
                var versionManifest = JsonNode.Parse(archive.Files[versionManifestPath])!.AsObject();
                var entry = versionManifest["files"]!.AsArray().Single(f => dll.EndsWith(f!["path"]!.GetValue<string>(), StringComparison.Ordinal))!;
                entry["size"] = evil.Length;
                entry["sha256"] = BackupArchive.Sha256(evil);
                archive.Files[versionManifestPath] = System.Text.Encoding.UTF8.GetBytes(versionManifest.ToJsonString());
                return (archive.Write(), HttpStatusCode.UnprocessableEntity, "fails upload validation");
            case "unlisted-file":
                return (archive.Write(recomputeManifest: false, [("deployments/1/extra.txt", "x"u8.ToArray())]), HttpStatusCode.UnprocessableEntity, "does not list");
            case "other-tenant":
                var (other, otherClient) = await ApiClient.NewTenantAsync(host, "other");
                await ApiClient.DeployAsync(otherClient, other, MixedWorkflow.Build());
                using (var admin = host.Client())
                {
                    return (await BackupApi.BackupAsync(admin, other), HttpStatusCode.UnprocessableEntity, $"backup of tenant '{other}'");
                }

            default:
                throw new ArgumentOutOfRangeException(nameof(bad), bad, null);
        }
    }
}
