using System.Text.Json;
using Skein.Host.Backup;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>
/// What start-up recovery does with the restore journals it finds besides a clean crash: a data folder without
/// tenants, a journal never finished being written, a journal that names folders outside its place, a restore that
/// moved a tenant in with its keys and limits.
/// </summary>
public sealed class RestoreJournalRecoveryTests
{
    [Fact]
    public void A_data_folder_without_tenants_starts_with_nothing_to_recover()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);

        RestoreJournal.RecoverAll(dir.Path, catalog);

        Assert.False(Directory.Exists(RestoreJournal.TenantsFolder(dir.Path)));
        Assert.Empty(catalog.ListTenants());
    }

    [Fact]
    public void A_journal_whose_write_was_cut_short_is_dropped_and_the_tenant_stays_as_it_was()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        var live = LiveTenant(dir.Path, catalog, "t");
        var partial = RestoreJournal.PathOf(dir.Path, "t") + ".tmp";
        File.WriteAllText(partial, "{\"tenant\":\"t\",\"stag");

        RestoreJournal.RecoverAll(dir.Path, catalog);

        Assert.False(File.Exists(partial));
        Assert.Equal("old", File.ReadAllText(Path.Combine(live, "log.db")));
        Assert.Equal("old", Assert.Single(catalog.ListDeployments("t")).Sha256);
    }

    [Theory]
    [InlineData("../t", ".restore-x", ".old-x")]
    [InlineData("t", "outside", ".old-x")]
    [InlineData("t", ".restore-x", "outside")]
    [InlineData("t", ".restore-x/../../outside", ".old-x")]
    [InlineData("t", ".restore-x", ".old-x/../../outside")]
    [InlineData("t", ".restore-..", ".old-x")]
    [InlineData("t", ".restore-x\\..\\outside", ".old-x")]
    [InlineData("t", ".restore-x", ".old-x\\y")]
    public void A_journal_naming_folders_outside_its_place_stops_the_start_and_touches_nothing(string tenant, string staging, string old)
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        var live = LiveTenant(dir.Path, catalog, "t");
        var journal = RestoreJournal.PathOf(dir.Path, "t");
        File.WriteAllBytes(journal, JsonSerializer.SerializeToUtf8Bytes(
            new RestoreJournal(tenant, staging, old, 2, null, null, []), BackupManifest.Json));

        var refused = Assert.Throws<InvalidDataException>(() => RestoreJournal.RecoverAll(dir.Path, catalog));

        Assert.Equal($"The restore journal '{journal}' is not valid; inspect it and remove it by hand.", refused.Message);
        Assert.True(File.Exists(journal));
        Assert.Equal("old", File.ReadAllText(Path.Combine(live, "log.db")));
        Assert.Equal("old", Assert.Single(catalog.ListDeployments("t")).Sha256);
    }

    [Fact]
    public void A_journal_that_is_not_a_journal_stops_the_start()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        LiveTenant(dir.Path, catalog, "t");
        File.WriteAllText(RestoreJournal.PathOf(dir.Path, "t"), "null");

        Assert.Throws<InvalidDataException>(() => RestoreJournal.RecoverAll(dir.Path, catalog));
    }

    [Fact]
    public void A_tenant_moved_in_by_a_restore_past_its_commit_point_gets_its_keys_limits_and_active_version()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        Directory.CreateDirectory(RestoreJournal.TenantsFolder(dir.Path));
        var journal = new RestoreJournal("moved", RestoreJournal.NewStagingName("moved"), RestoreJournal.NewOldName("moved"), 7,
            "{\"maxRunning\":3}", 1, [new DeploymentRecord("moved", 1, "new", "upload.dll", [new DeployedWorkflow("w", "W")], 7)],
            [new BackupKey("key_a", "hash-a", 5, null), new BackupKey("key_b", "hash-b", 6, 6)]);
        journal.Write(dir.Path);
        // Past the commit point: the staged folder has become the tenant's folder.
        Directory.CreateDirectory(TenantIds.Folder(dir.Path, "moved"));

        RestoreJournal.RecoverAll(dir.Path, catalog);

        var tenant = catalog.FindTenant("moved")!;
        Assert.Equal("{\"maxRunning\":3}", tenant.LimitsJson);
        Assert.Equal(1, tenant.ActiveVersion);
        Assert.Equal(7, tenant.CreatedAt);
        Assert.Equal([("key_a", "hash-a", 5L, (long?)null), ("key_b", "hash-b", 6L, 6L)], catalog.ListKeysWithHashes("moved"));
        Assert.False(File.Exists(RestoreJournal.PathOf(dir.Path, "moved")));
    }

    [Fact]
    public void An_undo_keeps_a_live_folder_that_is_already_back_in_place()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        var live = LiveTenant(dir.Path, catalog, "t");
        var journal = new RestoreJournal("t", RestoreJournal.NewStagingName("t"), RestoreJournal.NewOldName("t"), 2, null, 2, []);
        Directory.CreateDirectory(journal.StagingPath(dir.Path));
        // A leftover of the old folder beside a live folder that is already whole: the live one stays.
        Directory.CreateDirectory(journal.OldPath(dir.Path));
        File.WriteAllText(Path.Combine(journal.OldPath(dir.Path), "log.db"), "stale");
        journal.Write(dir.Path);

        RestoreJournal.RecoverAll(dir.Path, catalog);

        Assert.Equal("old", File.ReadAllText(Path.Combine(live, "log.db")));
        Assert.Empty(Directory.EnumerateDirectories(RestoreJournal.TenantsFolder(dir.Path), ".*"));
        Assert.False(File.Exists(RestoreJournal.PathOf(dir.Path, "t")));
    }

    [Fact]
    public void A_swap_that_fails_before_its_commit_point_is_undone_at_once_without_a_restart()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        var live = LiveTenant(dir.Path, catalog, "t");
        var journal = new RestoreJournal("t", RestoreJournal.NewStagingName("t"), RestoreJournal.NewOldName("t"), 2, null, 2, []);
        Directory.CreateDirectory(journal.StagingPath(dir.Path));
        File.WriteAllText(Path.Combine(journal.StagingPath(dir.Path), "log.db"), "new");

        Assert.Throws<IOException>(() => new TenantSwap(dir.Path, catalog, p =>
        {
            if (p == "old-moved")
            {
                throw new IOException("disk gone");
            }
        }).Run(journal, () => { }));
        // What the restore service does when a swap fails while the node keeps running.
        journal.Recover(dir.Path, catalog);

        Assert.Equal("old", File.ReadAllText(Path.Combine(live, "log.db")));
        Assert.Equal("old", Assert.Single(catalog.ListDeployments("t")).Sha256);
        Assert.Empty(Directory.EnumerateDirectories(RestoreJournal.TenantsFolder(dir.Path), ".*"));
        Assert.False(File.Exists(RestoreJournal.PathOf(dir.Path, "t")));
    }

    private static string LiveTenant(string dataDir, Catalog catalog, string tenant)
    {
        catalog.AddTenant(tenant, 1);
        catalog.AddDeployment(new DeploymentRecord(tenant, 1, "old", "upload.dll", [new DeployedWorkflow("w", "W")], 1));
        var folder = TenantIds.Folder(dataDir, tenant);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "log.db"), "old");
        return folder;
    }
}
