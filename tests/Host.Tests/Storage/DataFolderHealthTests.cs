using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>Readiness's view of the data folder: probed at most once per interval, and a failed probe says why.</summary>
public sealed class DataFolderHealthTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UnixEpoch.AddDays(1));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_writable_folder_has_no_problem_and_the_probe_leaves_no_file()
    {
        var health = new DataFolderHealth(new DataFolder(_dir.Path), _time);

        Assert.Null(health.Problem());
        Assert.Empty(Directory.EnumerateFileSystemEntries(_dir.Path));
    }

    [Fact]
    public void A_folder_that_cannot_be_written_is_reported_once_the_interval_has_passed()
    {
        var folder = Path.Combine(_dir.Path, "data");
        Directory.CreateDirectory(folder);
        var health = new DataFolderHealth(new DataFolder(folder), _time);
        Assert.Null(health.Problem());

        Directory.Delete(folder);
        // Within the interval the last answer stands: no I/O per call.
        _time.Advance(DataFolderHealth.ProbeInterval - TimeSpan.FromMilliseconds(1));
        Assert.Null(health.Problem());

        _time.Advance(TimeSpan.FromMilliseconds(1));
        var problem = health.Problem();
        Assert.NotNull(problem);
        Assert.StartsWith($"The data folder '{Path.GetFullPath(folder)}' cannot be written: ", problem);

        // The problem stands until the next probe, which sees the folder back.
        Directory.CreateDirectory(folder);
        Assert.Equal(problem, health.Problem());
        _time.Advance(DataFolderHealth.ProbeInterval);
        Assert.Null(health.Problem());
    }

    [SkippableFact]
    public void A_full_disk_is_reported_as_full_naming_the_data_folder_until_space_is_freed()
    {
        using var disk = SmallDisk.TryMount(1);
        Skip.If(disk is null, "Mounting a tmpfs is not permitted here (the test needs root: CI runs it as root).");
        var folder = Path.Combine(disk!.Path, "data");
        Directory.CreateDirectory(folder);
        var filler = Path.Combine(disk.Path, "filler");
        SmallDisk.Fill(filler);
        var health = new DataFolderHealth(new DataFolder(folder), _time);

        Assert.Equal($"The disk holding the data folder '{Path.GetFullPath(folder)}' is full.", health.Problem());

        File.Delete(filler);
        _time.Advance(DataFolderHealth.ProbeInterval);
        Assert.Null(health.Problem());
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }
}
