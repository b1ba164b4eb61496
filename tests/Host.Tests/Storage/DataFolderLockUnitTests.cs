using Skein.Host.Storage;
using Skein.Shared;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The data folder's lock within one process (the functional <c>DataFolderLockTests</c> use two): a second holder is
/// refused naming the first, and the lock is free again once disposed.
/// </summary>
public sealed class DataFolderLockUnitTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_second_acquire_is_refused_naming_the_folder_and_the_holder_and_succeeds_once_the_lock_is_released()
    {
        var folder = Path.Combine(_dir.Path, "node");
        var started = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var owner = $"pid {Environment.ProcessId} on host {Environment.MachineName}, started 2026-01-02T03:04:05Z";

        using (var held = DataFolderLock.Acquire(folder, started, DataFolderUser.Host, HostFolderDurability.Instance))
        {
            Assert.Equal(Path.GetFullPath(folder), held.Folder);
            Assert.Equal(owner + "\n", File.ReadAllText(Path.Combine(folder, DataFolderLock.OwnerFileName)));

            var refused = Assert.Throws<DataFolderInUseException>(() => DataFolderLock.Acquire(folder, started.AddHours(1), DataFolderUser.Host, HostFolderDurability.Instance));
            Assert.Equal(Path.GetFullPath(folder), refused.Folder);
            Assert.StartsWith($"The data folder '{Path.GetFullPath(folder)}' is in use by another Skein host ({owner});", refused.Message);
        }

        using var again = DataFolderLock.Acquire(folder, started.AddHours(2), DataFolderUser.Host, HostFolderDurability.Instance);
        Assert.Equal(
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, started 2026-01-02T05:04:05Z\n",
            File.ReadAllText(Path.Combine(folder, DataFolderLock.OwnerFileName)));
        Assert.Equal(["skein.lock", "skein.lock.owner"], Directory.GetFiles(folder).Select(Path.GetFileName).Order());
    }

    [SkippableFact]
    public void On_a_full_disk_the_lock_is_refused_saying_so_for_the_host_and_the_router_and_taken_once_space_is_freed()
    {
        using var disk = SmallDisk.TryMount(1);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var folder = Path.Combine(disk!.Path, "data");
        var filler = Path.Combine(disk.Path, "filler");
        SmallDisk.Fill(filler);
        var now = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        foreach (var (user, durability) in new (DataFolderUser, IFolderDurability)[]
                 { (DataFolderUser.Host, HostFolderDurability.Instance), (DataFolderUser.Router, PlainFolderDurability.Instance) })
        {
            var refused = Assert.Throws<DataFolderFullException>(() => DataFolderLock.Acquire(folder, now, user, durability));
            Assert.Equal(folder, refused.Folder);
            Assert.StartsWith($"The disk holding the data folder '{folder}' is full, so the {user.Program} cannot start (", refused.Message);
            Assert.EndsWith("Free space on that disk and start it again.", refused.Message);
        }

        File.Delete(filler);
        using var held = DataFolderLock.Acquire(folder, now, DataFolderUser.Host, HostFolderDurability.Instance);
        Assert.StartsWith($"pid {Environment.ProcessId} ", File.ReadAllText(Path.Combine(folder, DataFolderLock.OwnerFileName)));
    }
}
