using Microsoft.Data.Sqlite;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A data folder written by schema version 1 is checked in under <c>Golden/v1</c>; every build opens, migrates and
/// replays it, so a schema change that breaks old logs fails here. Set <c>SKEIN_WRITE_GOLDEN=1</c> to write it anew
/// (only when the first schema's scenario itself changes).
/// </summary>
public sealed class GoldenLogTests
{
    private static readonly Type[] Workflows = [typeof(ThreeSteps), typeof(Sleeper), typeof(Approval), typeof(Flaky)];

    [Fact]
    public async Task A_v1_log_opens_migrates_and_replays_to_completion()
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden", "v1");
        if (Environment.GetEnvironmentVariable("SKEIN_WRITE_GOLDEN") == "1")
        {
            var source = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "../../../Golden/v1"));
            await WriteGoldenAsync(source);
            CopyFolder(source, golden);
        }

        Assert.True(File.Exists(Path.Combine(golden, "tenants", "t1", "log.db")),
            "The golden log is missing; run the tests once with SKEIN_WRITE_GOLDEN=1 to write it.");
        using var dir = new TempDataDir();
        CopyFolder(golden, dir.Path);
        var before = Probe.For("golden-sleeping").Count("before");
        using var t = TestEngine.Over(dir, Workflows);

        Assert.Equal("complete", t.Describe("golden-complete").Status);
        Assert.Equal("ABC", t.Describe("golden-complete").Output!.GetValue<string>());
        var errored = t.Describe("golden-errored");
        Assert.Equal("errored", errored.Status);
        Assert.Equal(2, errored.Steps[0].Attempts!.Count);
        Assert.Equal("boom 2", errored.Error!.Message);

        t.Advance(TimeSpan.FromMinutes(10));
        await t.Engine.SendEventAsync(TestEngine.Tenant, "golden-waiting", "approval", "\"ivy\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, "golden-waiting", "approval", "\"jo\"");

        await t.WaitForStatusAsync("golden-sleeping", "complete");
        await t.WaitForStatusAsync("golden-waiting", "complete");
        Assert.Equal("ivy,jo", t.Describe("golden-waiting").Output!.GetValue<string>());
        Assert.Equal(before, Probe.For("golden-sleeping").Count("before"));
        Assert.Equal(1, Probe.For("golden-sleeping").Count("after"));
    }

    private static async Task WriteGoldenAsync(string folder)
    {
        using (var t = new TestEngine(Workflows))
        {
            await t.CreateAsync("three-steps", id: "golden-complete");
            await t.CreateAsync("sleeper", 10, "golden-sleeping");
            await t.CreateAsync("approval", 60, "golden-waiting");
            Probe.For("golden-errored").FailuresLeft["call"] = 5;
            await t.CreateAsync("flaky", new RetryParams(1, 0, Skein.TenantSdk.Backoff.Constant), "golden-errored");
            await t.WaitForStatusAsync("golden-complete", "complete");
            await t.WaitForStatusAsync("golden-sleeping", "waiting");
            await t.WaitForStatusAsync("golden-waiting", "waiting");
            await t.WaitForStatusAsync("golden-errored", "errored");
            t.Engine.Dispose();
            SqliteConnection.ClearAllPools();
            foreach (var db in new[] { "catalog.db", "tenants/t1/log.db" })
            {
                using var connection = new SqliteConnection($"Data Source={Path.Combine(t.DataDir, db)}");
                connection.Open();
                using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                command.ExecuteNonQuery();
            }

            SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(Path.Combine(folder, "tenants", "t1"));
            File.Copy(Path.Combine(t.DataDir, "catalog.db"), Path.Combine(folder, "catalog.db"));
            File.Copy(Path.Combine(t.DataDir, "tenants", "t1", "log.db"), Path.Combine(folder, "tenants", "t1", "log.db"));
        }
    }

    private static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*.db", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
