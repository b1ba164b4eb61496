using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Host.Tests.Engine;
using Skein.Tests.Common;

// Writes the golden data folder of the current log schema for GoldenLogTests: a finished, a sleeping, a waiting and
// an errored instance (and, from schema 9, a finished parent with its child), checkpointed into tests/Host.Tests/Golden/v{schema}. Run by hand, once per shipped schema:
//   dotnet run --project tests/GoldenLogWriter [-- --force]
// A folder that exists is never overwritten without --force: the golden files of a shipped schema are the point.
var force = args.Contains("--force");
var repo = FindRepository(AppContext.BaseDirectory);
var version = TenantLogSchema.Migrations.Count;
var folder = Path.Combine(repo, "tests", "Host.Tests", "Golden", $"v{version}");
if (Directory.Exists(folder) && !force)
{
    Console.Error.WriteLine($"{folder} exists; the golden log of schema {version} is already checked in. Use --force to write it anew.");
    return 1;
}

Type[] workflows =
[
    typeof(ThreeSteps), typeof(Sleeper), typeof(Approval), typeof(Flaky),
    typeof(Skein.Host.Tests.Engine.Children.ParentOne), typeof(Skein.Host.Tests.Engine.Children.ChildDouble),
];
using (var t = new TestEngine(workflows))
{
    await t.CreateAsync("three-steps", id: "golden-complete");
    await t.CreateAsync("sleeper", 10, "golden-sleeping");
    await t.CreateAsync("approval", 60, "golden-waiting");
    Probe.For("golden-errored").FailuresLeft["call"] = 5;
    await t.CreateAsync("flaky", new RetryParams(1, 0, Skein.TenantSdk.Backoff.Constant), "golden-errored");
    // From schema 9: a parent and the child it started (child links on steps and instances).
    await t.CreateAsync("parent-one", 5, "golden-parent");
    await t.WaitForStatusAsync("golden-complete", "complete");
    await t.WaitForStatusAsync("golden-parent", "complete");
    await t.WaitForStatusAsync("golden-sleeping", "waiting");
    await t.WaitForStatusAsync("golden-waiting", "waiting");
    await t.WaitForStatusAsync("golden-errored", "errored");
    t.Runtimes.Dispose();
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

Console.WriteLine($"Wrote {folder} (log schema {version}). Add a test for it in GoldenLogTests, with {version} as its expected schema version.");
return 0;

static string FindRepository(string start)
{
    for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Host.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException($"No Host.sln above {start}: run the tool from the repository.");
}
