using Skein.Host.Backup;
using Skein.Host.Plugins;
using Skein.Host.Storage;
using Skein.Shared;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Every durable create, rename or delete flushes its parent folder after the change and before it is acknowledged:
/// the flushes are observed, with whether the changed entry was already in place when its parent was flushed.
/// </summary>
public sealed class DurableChangeTests
{
    [Fact]
    public void A_deployment_version_is_renamed_into_place_and_its_parent_flushed()
    {
        using var dir = new TempDataDir();
        var version = DeploymentStore.VersionFolder(dir.Path, "t1", 1);
        var flushedAfterRename = Observe(Path.GetDirectoryName(version)!, () => Directory.Exists(version), () =>
            DeploymentStore.Write(dir.Path, "t1", 1,
                new ValidatedDeployment(new Dictionary<string, byte[]> { ["w.dll"] = [1, 2, 3] }, "w.dll", [], "sha"), 0));

        Assert.True(flushedAfterRename);
    }

    [Fact]
    public async Task A_tenant_folder_is_flushed_into_the_tenants_folder_when_created_and_when_deleted()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var tenants = Path.Combine(t.DataDir, "tenants");
        var folder = TenantIds.Folder(t.DataDir, "t2");

        Assert.True(Observe(tenants, () => Directory.Exists(folder), () => t.Runtimes.AddTenant("t2")));
        Assert.True(await ObserveAsync(tenants, () => !Directory.Exists(folder), () => t.Runtimes.RemoveTenantAsync("t2")));
    }

    [Fact]
    public void A_stored_backup_is_flushed_into_its_folder_when_taken_and_when_deleted()
    {
        using var t = new TestEngine(typeof(ThreeSteps));
        var store = new BackupStore(t.Options, new BackupWriter(t.Runtimes, t.Catalog, t.Options, t.Time), t.Time);
        StoredBackup? stored = null;

        Assert.True(Observe(store.Folder(TestEngine.Tenant), () => Directory.EnumerateFiles(store.Folder(TestEngine.Tenant), "*.zip").Any(),
            () => stored = store.Create(TestEngine.Tenant)));
        Assert.True(Observe(store.Folder(TestEngine.Tenant), () => !File.Exists(stored!.Path), () => store.Delete(TestEngine.Tenant, stored!.Id)));
    }

    [Fact]
    public void The_data_folder_lock_file_is_flushed_into_the_data_folder()
    {
        using var dir = new TempDataDir();
        var folder = Path.Combine(dir.Path, "node");
        DataFolderLock? held = null;

        Assert.True(Observe(folder, () => File.Exists(Path.Combine(folder, DataFolderLock.FileName)),
            () => held = DataFolderLock.Acquire(folder, DateTimeOffset.UnixEpoch, DataFolderUser.Host, HostFolderDurability.Instance)));
        held!.Dispose();
    }

    /// <summary>True when <paramref name="parent"/> was flushed at a moment <paramref name="changeInPlace"/> held.</summary>
    private static bool Observe(string parent, Func<bool> changeInPlace, Action change)
    {
        var flushedAfter = false;
        var full = Path.GetFullPath(parent);
        using (DurableFiles.ObserveFolderFlushes(path => flushedAfter |= path == full && changeInPlace()))
        {
            change();
        }

        return flushedAfter;
    }

    private static async Task<bool> ObserveAsync(string parent, Func<bool> changeInPlace, Func<Task> change)
    {
        var flushedAfter = false;
        var full = Path.GetFullPath(parent);
        using (DurableFiles.ObserveFolderFlushes(path => flushedAfter |= path == full && changeInPlace()))
        {
            await change();
        }

        return flushedAfter;
    }
}
