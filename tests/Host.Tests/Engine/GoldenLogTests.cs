using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Data folders written by shipped log schemas are checked in under <c>Golden/v{schema}</c>; every build opens,
/// migrates and replays each, so a schema change that breaks old logs fails here. The test only reads the golden
/// files: they are written by hand with <c>tests/GoldenLogWriter</c> (see docs/testing.md), once per shipped schema.
/// </summary>
public sealed class GoldenLogTests
{
    private static readonly Type[] Workflows =
        [typeof(ThreeSteps), typeof(Sleeper), typeof(Approval), typeof(Flaky), typeof(Children.ParentOne), typeof(Children.ChildDouble)];

    [Theory]
    [InlineData("v1", 1, 1)]
    [InlineData("v2", 2, 2)]
    [InlineData("v4", 4, 2)]
    [InlineData("v9", 9, 3)]
    public async Task A_golden_log_holds_its_schema_version_and_opens_migrates_and_replays_to_completion(string folder, int logSchema, int catalogSchema)
    {
        var golden = Path.Combine(AppContext.BaseDirectory, "Golden", folder);
        Assert.True(File.Exists(Path.Combine(golden, "tenants", "t1", "log.db")),
            $"The golden log is missing: it is checked in under tests/Host.Tests/Golden/{folder}.");
        using var dir = new TempDataDir();
        CopyFolder(golden, dir.Path);
        var log = Path.Combine(dir.Path, "tenants", "t1", "log.db");
        var catalog = Path.Combine(dir.Path, "catalog.db");

        // What the files hold, not what the folder's name says: a golden log rewritten by today's code holds today's schema.
        Assert.Equal(logSchema, UserVersion(log));
        Assert.Equal(catalogSchema, UserVersion(catalog));
        // Probes outlive a test: each golden folder replays the same instance ids, so count what this run adds.
        var before = Probe.For("golden-sleeping").Count("before");
        var after = Probe.For("golden-sleeping").Count("after");
        using var t = TestEngine.Over(dir, Workflows);

        // The host read and upgraded both files to the schemas it writes.
        Assert.Equal(TenantLogSchema.Migrations.Count, UserVersion(log));
        Assert.Equal(CatalogSchema.Migrations.Count, UserVersion(catalog));
        Assert.Equal("complete", t.Describe("golden-complete").Status);
        Assert.Equal("ABC", t.Describe("golden-complete").Output!.GetValue<string>());
        var errored = t.Describe("golden-errored");
        Assert.Equal("errored", errored.Status);
        Assert.Equal(2, errored.Steps[0].Attempts!.Count);
        Assert.Equal("boom 2", errored.Error!.Message);

        if (logSchema >= 9)
        {
            // Schema 9 added child links: the parent's childWorkflow step and the child's parent read back as written.
            var parent = t.Describe("golden-parent");
            Assert.Equal(11, parent.Output!.GetValue<int>());
            Assert.Contains(parent.Steps, s => s.Type == "childWorkflow" && s.InstanceId == "golden-parent-child-1" && s.Status == "complete");
            Assert.Equal("golden-parent", t.Describe("golden-parent-child-1").Parent!.Id);
        }

        t.Advance(TimeSpan.FromMinutes(10));
        await t.Engine.SendEventAsync(TestEngine.Tenant, "golden-waiting", "approval", "\"ivy\"");
        await t.Engine.SendEventAsync(TestEngine.Tenant, "golden-waiting", "approval", "\"jo\"");

        await t.WaitForStatusAsync("golden-sleeping", "complete");
        await t.WaitForStatusAsync("golden-waiting", "complete");
        Assert.Equal("ivy,jo", t.Describe("golden-waiting").Output!.GetValue<string>());
        Assert.Equal(before, Probe.For("golden-sleeping").Count("before"));
        Assert.Equal(after + 1, Probe.For("golden-sleeping").Count("after"));
    }

    private static long UserVersion(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return (long)command.ExecuteScalar()!;
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
