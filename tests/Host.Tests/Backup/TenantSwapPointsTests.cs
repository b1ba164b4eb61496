using Skein.Host.Backup;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>
/// The crash tests kill a restore at each point of <see cref="TenantSwap.CrashPoints"/>: that list must be exactly
/// the points a swap passes, in order, or a point would go untested.
/// </summary>
public sealed class TenantSwapPointsTests
{
    [Fact]
    public void The_published_crash_points_are_the_ones_a_swap_passes_in_order()
    {
        using var dir = new TempDataDir();
        var catalog = Catalog.Open(dir.Path);
        catalog.AddTenant("t", 1);
        Directory.CreateDirectory(TenantIds.Folder(dir.Path, "t"));
        var journal = new RestoreJournal("t", RestoreJournal.NewStagingName("t"), RestoreJournal.NewOldName("t"), 2, null, null, []);
        Directory.CreateDirectory(journal.StagingPath(dir.Path));
        var passed = new List<string>();
        var quiescedAfter = -1;

        new TenantSwap(dir.Path, catalog, passed.Add).Run(journal, () => quiescedAfter = passed.Count);

        Assert.Equal(["journal-written", "quiesced", "old-moved", "new-moved", "catalog-updated"], passed);
        Assert.Equal(TenantSwap.CrashPoints, passed);
        Assert.Equal(1, quiescedAfter);
    }
}
