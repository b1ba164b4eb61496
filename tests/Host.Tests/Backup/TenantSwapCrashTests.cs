using Skein.Host.Backup;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>
/// A restore cut short at each step of the swap, then the start-up recovery: the tenant's files and its catalog
/// rows are both the old ones or both the new ones, never a mix, and nothing of the restore is left behind.
/// </summary>
public sealed class TenantSwapCrashTests
{
    public static TheoryData<string, bool> Points => new()
    {
        { "journal-written", false }, { "quiesced", false }, { "old-moved", false }, { "new-moved", true },
        { "catalog-updated", true },
    };

    [Theory]
    [MemberData(nameof(Points))]
    public void A_crash_during_the_swap_leaves_the_tenant_wholly_old_or_wholly_new(string point, bool expectNew)
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        SeedLiveTenant(dir.Path, catalog, "t");
        var journal = Stage(dir.Path, "t");

        Assert.Throws<SimulatedCrash>(() => new TenantSwap(dir.Path, catalog, p => Crash(p, point)).Run(journal, () => { }));
        RestoreJournal.RecoverAll(dir.Path, Catalog.Open(dir.Path));

        var expected = expectNew ? "new" : "old";
        Assert.Equal(expected, File.ReadAllText(Path.Combine(TenantIds.Folder(dir.Path, "t"), "log.db")));
        Assert.Equal(expected, Assert.Single(catalog.ListDeployments("t"), d => d.Version == 1).Sha256);
        Assert.Equal(expectNew ? 2 : 1, catalog.FindTenant("t")!.ActiveVersion);
        AssertNothingLeft(dir.Path);
    }

    [Theory]
    [MemberData(nameof(Points))]
    public void A_crash_while_restoring_a_new_tenant_leaves_it_absent_or_complete(string point, bool expectNew)
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        Directory.CreateDirectory(RestoreJournal.TenantsFolder(dir.Path));
        var journal = Stage(dir.Path, "moved");

        Assert.Throws<SimulatedCrash>(() => new TenantSwap(dir.Path, catalog, p => Crash(p, point)).Run(journal, () => { }));
        RestoreJournal.RecoverAll(dir.Path, catalog);

        Assert.Equal(expectNew, catalog.FindTenant("moved") is not null);
        Assert.Equal(expectNew, Directory.Exists(TenantIds.Folder(dir.Path, "moved")));
        AssertNothingLeft(dir.Path);
    }

    [Fact]
    public void A_swap_that_runs_through_leaves_the_new_tenant_and_no_journal()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        SeedLiveTenant(dir.Path, catalog, "t");

        new TenantSwap(dir.Path, catalog).Run(Stage(dir.Path, "t"), () => { });

        Assert.Equal("new", File.ReadAllText(Path.Combine(TenantIds.Folder(dir.Path, "t"), "log.db")));
        Assert.Equal(["new", "new2"], catalog.ListDeployments("t").Select(d => d.Sha256));
        AssertNothingLeft(dir.Path);
    }

    [Fact]
    public void Start_up_removes_a_staging_folder_that_never_reached_its_journal()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        SeedLiveTenant(dir.Path, catalog, "t");
        Stage(dir.Path, "t");

        RestoreJournal.RecoverAll(dir.Path, catalog);

        Assert.Equal("old", File.ReadAllText(Path.Combine(TenantIds.Folder(dir.Path, "t"), "log.db")));
        AssertNothingLeft(dir.Path);
    }

    private static void Crash(string at, string point)
    {
        if (at == point)
        {
            throw new SimulatedCrash();
        }
    }

    private static void SeedLiveTenant(string dataDir, Catalog catalog, string tenant)
    {
        catalog.AddTenant(tenant, 1);
        catalog.AddDeployment(new DeploymentRecord(tenant, 1, "old", "upload.dll", [new DeployedWorkflow("w", "W")], 1));
        var folder = TenantIds.Folder(dataDir, tenant);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "log.db"), "old");
        File.WriteAllText(Path.Combine(folder, "log.db-wal"), "stale");
    }

    private static RestoreJournal Stage(string dataDir, string tenant)
    {
        var journal = new RestoreJournal(tenant, RestoreJournal.NewStagingName(tenant), RestoreJournal.NewOldName(tenant), 2, null, 2,
        [
            new DeploymentRecord(tenant, 1, "new", "upload.dll", [new DeployedWorkflow("w", "W")], 2),
            new DeploymentRecord(tenant, 2, "new2", "upload.dll", [new DeployedWorkflow("w", "W")], 2),
        ]);
        Directory.CreateDirectory(journal.StagingPath(dataDir));
        File.WriteAllText(Path.Combine(journal.StagingPath(dataDir), "log.db"), "new");
        return journal;
    }

    private static void AssertNothingLeft(string dataDir)
    {
        var tenants = RestoreJournal.TenantsFolder(dataDir);
        Assert.Empty(Directory.EnumerateFiles(tenants, "*.restore.json*"));
        Assert.Empty(Directory.EnumerateDirectories(tenants, ".*"));
        Assert.All(Directory.EnumerateDirectories(tenants), d => Assert.False(File.Exists(Path.Combine(d, "log.db-wal")) &&
            File.ReadAllText(Path.Combine(d, "log.db")) == "new", "a stale -wal sits beside the restored log"));
    }

    private sealed class SimulatedCrash : Exception;
}
