using Microsoft.Data.Sqlite;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>
/// Restores and incremental auto-vacuum (retention): a backup carries the mode to the restored log, and an archive of
/// an older Skein (a log without it) is converted when the restored log opens; either way the tenant works on.
/// </summary>
public sealed class RetentionRestoreTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task A_restored_backup_keeps_incremental_auto_vacuum_and_its_instances()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "vac");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "done", wait: "30s");
        var archive = await BackupApi.BackupAsync(admin, tenant);
        var target = tenant[..20] + "-copy";

        await BackupApi.RestoreAsync(admin, tenant, archive, @as: target);

        await AssertWorksAsync(admin, target);
    }

    [Fact]
    public async Task An_archive_of_an_older_version_without_auto_vacuum_is_converted_when_restored()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "old");
        using var admin = host.Client();
        await ApiClient.DeployAsync(client, tenant, MixedWorkflow.Build());
        await ApiClient.CreateAsync(client, tenant, "mixed", MixedWorkflow.Done, "done", wait: "30s");
        var archive = BackupArchive.Read(await BackupApi.BackupAsync(admin, tenant));
        archive.Files["log.db"] = WithoutAutoVacuum(archive.Files["log.db"]);
        var target = tenant[..20] + "-old";

        await BackupApi.RestoreAsync(admin, tenant, archive.Write(), @as: target);

        await AssertWorksAsync(admin, target);
    }

    private async Task AssertWorksAsync(HttpClient admin, string tenant)
    {
        var log = Path.Combine(host.DataDir, "tenants", tenant, "log.db");
        Assert.Equal(2L, Pragma(log, "auto_vacuum"));
        Assert.Equal("ok", BackupApi.IntegrityCheck(log));
        Assert.Equal("complete", (await ApiClient.DescribeAsync(admin, tenant, "done"))["status"]!.GetValue<string>());
        var again = await ApiClient.CreateAsync(admin, tenant, "mixed", MixedWorkflow.Done, "again", wait: "30s");
        Assert.Equal("complete", again["status"]!.GetValue<string>());
    }

    /// <summary>The log as every Skein before retention wrote it: auto-vacuum off.</summary>
    private static byte[] WithoutAutoVacuum(byte[] log)
    {
        using var dir = new TempDataDir();
        var path = Path.Combine(dir.Path, "log.db");
        File.WriteAllBytes(path, log);
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA auto_vacuum=NONE; VACUUM; PRAGMA wal_checkpoint(TRUNCATE);";
            command.ExecuteNonQuery();
        }

        Assert.Equal(0L, Pragma(path, "auto_vacuum"));
        return File.ReadAllBytes(path);
    }

    private static long Pragma(string path, string pragma)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return (long)command.ExecuteScalar()!;
    }
}
