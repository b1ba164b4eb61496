using System.Security.Cryptography;
using System.Text.Json;
using Skein.Host.Storage;

namespace Skein.Host.Plugins;

/// <summary>
/// Deployment versions on disk: <c>{DataDir}/tenants/{tenant}/deployments/{version}/</c>, written once and never
/// overwritten. A version is written into a temporary folder, flushed, and renamed into place, so a crash leaves
/// either the whole version or none of it.
/// </summary>
internal static class DeploymentStore
{
    public const string ManifestFile = "manifest.json";

    public static string VersionFolder(string dataDir, string tenant, int version) =>
        Path.Combine(TenantIds.Folder(dataDir, tenant), "deployments", version.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Writes the version's files and manifest; returns the sha256 of the upload as received.</summary>
    public static void Write(string dataDir, string tenant, int version, ValidatedDeployment upload, long uploadedAt)
    {
        var folder = VersionFolder(dataDir, tenant, version);
        if (Directory.Exists(folder))
        {
            throw new InvalidOperationException($"Deployment version {version} of tenant '{tenant}' exists already; versions are never overwritten.");
        }

        var parent = Path.GetDirectoryName(folder)!;
        DurableFiles.CreateDirectory(parent);
        var staging = Path.Combine(parent, $".staging-{version}-{Guid.NewGuid():n}");
        Directory.CreateDirectory(staging);
        try
        {
            var files = new List<ManifestFileEntry>();
            foreach (var (relative, bytes) in upload.Files)
            {
                var path = Path.Combine(staging, relative);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                WriteDurably(path, bytes);
                files.Add(new ManifestFileEntry(relative.Replace('\\', '/'), bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes))));
            }

            var manifest = new DeploymentManifest(tenant, version, upload.Sha256, upload.Entry, upload.Workflows,
                DateTimeOffset.FromUnixTimeMilliseconds(uploadedAt), files);
            WriteDurably(Path.Combine(staging, ManifestFile), JsonSerializer.SerializeToUtf8Bytes(manifest, ManifestJson));
            DurableFiles.FlushFolders(staging);
            DurableFiles.Move(staging, folder, isDirectory: true);
        }
        catch
        {
            // Gone once the move is done: deleting it then would throw and hide why the write failed.
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Removes staging folders a crash left behind.</summary>
    public static void CleanStaging(string dataDir, string tenant)
    {
        var parent = Path.Combine(TenantIds.Folder(dataDir, tenant), "deployments");
        if (!Directory.Exists(parent))
        {
            return;
        }

        foreach (var staging in Directory.EnumerateDirectories(parent, ".staging-*"))
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    internal static readonly JsonSerializerOptions ManifestJson = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private static void WriteDurably(string path, byte[] bytes)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
    }
}

/// <summary>What a deployment folder holds, in <c>manifest.json</c>.</summary>
internal sealed record DeploymentManifest(
    string Tenant,
    int Version,
    string Sha256,
    string Entry,
    IReadOnlyList<DeployedWorkflow> Workflows,
    DateTimeOffset UploadedAt,
    IReadOnlyList<ManifestFileEntry> Files);

/// <summary>One file of a deployment with its size and sha256.</summary>
internal sealed record ManifestFileEntry(string Path, long Size, string Sha256);

/// <summary>An upload that passed validation: the files to store, the entry assembly and its workflows.</summary>
internal sealed record ValidatedDeployment(
    IReadOnlyDictionary<string, byte[]> Files,
    string Entry,
    IReadOnlyList<DeployedWorkflow> Workflows,
    string Sha256);
