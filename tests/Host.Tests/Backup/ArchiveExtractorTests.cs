using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Skein.Host.Backup;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Backup;

/// <summary>Structural checks of a backup archive, before any file reaches the tenant.</summary>
public sealed class ArchiveExtractorTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    [Fact]
    public void A_well_formed_archive_is_extracted_with_every_file_verified()
    {
        var archive = Write(("log.db", [1, 2, 3]), ("deployments/1/a.dll", [4, 5]));

        var manifest = ArchiveExtractor.Extract(archive, Staging, new BackupOptions());

        Assert.Equal("t", manifest.Tenant);
        Assert.Equal([4, 5], File.ReadAllBytes(Path.Combine(Staging, "deployments", "1", "a.dll")));
    }

    [Fact]
    public void More_entries_than_the_cap_are_refused()
    {
        var archive = Write(("log.db", [1]), ("deployments/1/a.dll", [2]), ("deployments/1/b.dll", [3]));

        var error = Assert.Throws<BackupRejectedException>(() => ArchiveExtractor.Extract(archive, Staging, new BackupOptions { MaxEntries = 3 }));

        Assert.Contains("at most 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_entry_larger_than_its_manifest_size_is_refused_without_expanding_it_all()
    {
        var archive = Write([("log.db", new byte[10_000_000])], sizeOverride: 100);

        var error = Assert.Throws<BackupRejectedException>(() => ArchiveExtractor.Extract(archive, Staging, new BackupOptions()));

        Assert.Contains("larger than its manifest says", error.Message, StringComparison.Ordinal);
        Assert.True(new FileInfo(Path.Combine(Staging, "log.db")).Length <= 100_000);
    }

    [Fact]
    public void A_file_outside_the_backup_layout_is_refused()
    {
        var archive = Write(("log.db", [1]), ("tenants/other/log.db", [2]));

        var error = Assert.Throws<BackupRejectedException>(() => ArchiveExtractor.Extract(archive, Staging, new BackupOptions()));

        Assert.Contains("never holds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_without_a_manifest_is_refused()
    {
        var path = Path.Combine(_dir.Path, "bare.zip");
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            zip.CreateEntry("log.db");
        }

        var error = Assert.Throws<BackupRejectedException>(() => ArchiveExtractor.Extract(path, Staging, new BackupOptions()));

        Assert.Contains("no manifest.json", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();

    private string Staging => Path.Combine(_dir.Path, "staging");

    private string Write(params (string Name, byte[] Bytes)[] files) => Write(files, null);

    private string Write((string Name, byte[] Bytes)[] files, long? sizeOverride)
    {
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, "t", "test", 2, DateTimeOffset.UnixEpoch, 0, 0, 1, [1], null,
            [.. files.Select(f => new BackupFile(f.Name, sizeOverride ?? f.Bytes.Length, Convert.ToHexStringLower(SHA256.HashData(f.Bytes))))]);
        var path = Path.Combine(_dir.Path, $"{Guid.NewGuid():n}.zip");
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (name, bytes) in files)
        {
            using var entry = zip.CreateEntry(name).Open();
            entry.Write(bytes);
        }

        using (var entry = zip.CreateEntry(BackupManifest.FileName).Open())
        {
            JsonSerializer.Serialize(entry, manifest, BackupManifest.Json);
        }

        return path;
    }
}
