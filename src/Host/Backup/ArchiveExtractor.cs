using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Checks a backup archive's structure and extracts it into a staging folder: safe entry names only, the manifest
/// lists exactly the files present, and every file has the size and sha256 the manifest says. Bytes are counted as
/// they are written, so a lying zip header cannot expand past the manifest's sizes.
/// </summary>
internal static class ArchiveExtractor
{
    private const long MaxManifestBytes = 16 * 1024 * 1024;

    public static BackupManifest Extract(string archivePath, string staging, BackupOptions limits)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(archivePath);
        }
        catch (InvalidDataException error)
        {
            throw new BackupRejectedException($"The body is not a zip archive: {error.Message}", notAnArchive: true);
        }

        using (zip)
        {
            var entries = ReadEntries(zip, limits);
            if (!entries.TryGetValue(BackupManifest.FileName, out var manifestEntry))
            {
                throw new BackupRejectedException("The archive has no manifest.json; it is not a Skein backup.");
            }

            var manifest = ReadManifest(manifestEntry);
            CheckListing(manifest, entries, limits);
            CheckFreeSpace(manifest, Path.GetDirectoryName(Path.GetFullPath(staging))!);
            Directory.CreateDirectory(staging);
            foreach (var file in manifest.Files)
            {
                ExtractFile(entries[file.Path], file, Path.Combine(staging, file.Path));
            }

            DurableFiles.FlushTree(staging);
            return manifest;
        }
    }

    /// <summary>
    /// Refuses before extracting when the disk cannot hold the archive's files (with room for the log to grow while
    /// it is checked), instead of failing halfway through with a disk full.
    /// </summary>
    private static void CheckFreeSpace(BackupManifest manifest, string folder)
    {
        const long Headroom = 8L * 1024 * 1024;
        var needed = manifest.Files.Sum(f => f.Size) + Headroom;
        var free = new DriveInfo(folder).AvailableFreeSpace;
        if (free < needed)
        {
            throw new InsufficientStorageException(
                $"The disk holding the data folder ('{folder}') has {free / 1024 / 1024} MiB free; restoring this archive needs " +
                $"{needed / 1024 / 1024} MiB ({manifest.Files.Count} files plus {Headroom / 1024 / 1024} MiB of headroom). Free space there and retry; nothing was changed.");
        }
    }

    private static Dictionary<string, ZipArchiveEntry> ReadEntries(ZipArchive zip, BackupOptions limits)
    {
        IReadOnlyCollection<ZipArchiveEntry> all;
        try
        {
            all = zip.Entries;
        }
        catch (InvalidDataException error)
        {
            throw new BackupRejectedException($"The zip directory is damaged: {error.Message}", notAnArchive: true);
        }

        if (all.Count > limits.MaxEntries)
        {
            throw new BackupRejectedException($"The archive has {all.Count} entries; at most {limits.MaxEntries} are accepted.");
        }

        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in all)
        {
            if (ZipEntryPath.FindUnsafePart(entry.FullName) is { } why)
            {
                throw new BackupRejectedException($"The archive entry '{entry.FullName}' is unsafe: it has {why}.");
            }

            if (entry.FullName.EndsWith('/'))
            {
                continue;
            }

            if (!entries.TryAdd(entry.FullName, entry))
            {
                throw new BackupRejectedException($"The archive holds '{entry.FullName}' twice.");
            }
        }

        return entries;
    }

    private static BackupManifest ReadManifest(ZipArchiveEntry entry)
    {
        if (entry.Length > MaxManifestBytes)
        {
            throw new BackupRejectedException($"manifest.json is {entry.Length} bytes; at most {MaxManifestBytes} are accepted.");
        }

        try
        {
            using var stream = entry.Open();
            using var bounded = new MemoryStream();
            CopyBounded(stream, bounded, MaxManifestBytes, "manifest.json");
            bounded.Position = 0;
            var manifest = JsonSerializer.Deserialize<BackupManifest>(bounded, BackupManifest.Json);
            if (manifest is null || manifest.Files is null || manifest.Versions is null || manifest.Tenant is null)
            {
                throw new BackupRejectedException("manifest.json lacks the tenant, the versions or the file list.");
            }

            if (manifest.Format != BackupManifest.CurrentFormat)
            {
                throw new BackupRejectedException($"The archive has format {manifest.Format}; this Skein reads format {BackupManifest.CurrentFormat}.");
            }

            return manifest;
        }
        catch (JsonException error)
        {
            throw new BackupRejectedException($"manifest.json is not valid: {error.Message}");
        }
        catch (InvalidDataException error)
        {
            throw new BackupRejectedException($"manifest.json cannot be read from the archive: {error.Message}");
        }
    }

    private static void CheckListing(BackupManifest manifest, Dictionary<string, ZipArchiveEntry> entries, BackupOptions limits)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in manifest.Files)
        {
            if (file?.Path is null || ZipEntryPath.FindUnsafePart(file.Path) is not null || !IsExpectedPath(file.Path, manifest.Versions))
            {
                throw new BackupRejectedException($"The manifest lists '{file?.Path}', which a backup never holds.");
            }

            if (!listed.Add(file.Path) || file.Size < 0 || string.IsNullOrEmpty(file.Sha256))
            {
                throw new BackupRejectedException($"The manifest entry for '{file.Path}' is repeated or incomplete.");
            }

            if (!entries.ContainsKey(file.Path))
            {
                throw new BackupRejectedException($"The manifest lists '{file.Path}', but the archive does not hold it.");
            }

            total += file.Size;
        }

        if (total > limits.MaxArchiveBytes * 4)
        {
            throw new BackupRejectedException($"The archive expands to {total} bytes, more than this node accepts.");
        }

        if (!listed.Contains(BackupManifest.LogFile))
        {
            throw new BackupRejectedException("The archive holds no log.db.");
        }

        foreach (var name in entries.Keys)
        {
            if (name != BackupManifest.FileName && !listed.Contains(name))
            {
                throw new BackupRejectedException($"The archive holds '{name}', which its manifest does not list.");
            }
        }
    }

    private static bool IsExpectedPath(string path, IReadOnlyList<int> versions)
    {
        if (path == BackupManifest.LogFile)
        {
            return true;
        }

        var parts = path.Split('/');
        return parts.Length >= 3 && parts[0] == "deployments"
            && int.TryParse(parts[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version)
            && versions.Contains(version);
    }

    private static void ExtractFile(ZipArchiveEntry entry, BackupFile file, string target)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        long written;
        try
        {
            using var input = entry.Open();
            using var output = new FileStream(target, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            using var flush = TrickleFlush.OfStream(output);
            written = CopyBounded(input, output, file.Size, file.Path, hash);
        }
        catch (InvalidDataException error)
        {
            throw new BackupRejectedException($"'{file.Path}' cannot be read from the archive: {error.Message}");
        }

        var sha = Convert.ToHexStringLower(hash.GetHashAndReset());
        if (written != file.Size || !string.Equals(sha, file.Sha256, StringComparison.OrdinalIgnoreCase))
        {
            throw new BackupRejectedException(
                $"Checksum mismatch for '{file.Path}': the manifest says {file.Size} bytes with sha256 {file.Sha256}, the archive holds {written} bytes with sha256 {sha}.");
        }
    }

    /// <summary>Copies at most <paramref name="limit"/> + 1 bytes, so an oversized entry is seen without expanding it all.</summary>
    private static long CopyBounded(Stream input, Stream output, long limit, string name, IncrementalHash? hash = null)
    {
        var buffer = new byte[81920];
        long total = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            total += read;
            if (total > limit)
            {
                throw new BackupRejectedException($"'{name}' is larger than its manifest says ({limit} bytes).");
            }

            hash?.AppendData(buffer, 0, read);
            output.Write(buffer, 0, read);
        }

        return total;
    }
}
