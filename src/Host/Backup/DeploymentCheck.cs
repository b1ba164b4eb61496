using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Checks the staged deployment versions as if they were uploaded again: each folder's manifest matches its files,
/// the upload validator accepts them, and every version the log or the active pointer needs is present.
/// </summary>
internal sealed class DeploymentCheck(UploadValidator validator)
{
    public IReadOnlyList<DeploymentRecord> Verify(string staging, BackupManifest manifest, LogSnapshot log, string tenant)
    {
        var needed = log.UnfinishedVersions.Concat(manifest.ActiveVersion is { } active ? [active] : []).Distinct().Order();
        foreach (var version in needed)
        {
            if (!manifest.Versions.Contains(version))
            {
                throw new BackupRejectedException(
                    $"Deployment version {version} is needed (active, or pinned by an unfinished instance) but the archive does not hold it.");
            }
        }

        return [.. manifest.Versions.Distinct().Order().Select(v => VerifyVersion(staging, v, tenant))];
    }

    private DeploymentRecord VerifyVersion(string staging, int version, string tenant)
    {
        var folder = Path.Combine(staging, "deployments", version.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var manifestPath = Path.Combine(folder, DeploymentStore.ManifestFile);
        if (!File.Exists(manifestPath))
        {
            throw new BackupRejectedException($"Deployment version {version} has no manifest.json in the archive.");
        }

        DeploymentManifest? deployment;
        try
        {
            deployment = JsonSerializer.Deserialize<DeploymentManifest>(File.ReadAllBytes(manifestPath), DeploymentStore.ManifestJson);
        }
        catch (JsonException error)
        {
            throw new BackupRejectedException($"The manifest of deployment version {version} is not valid: {error.Message}");
        }

        if (deployment is null || deployment.Version != version || deployment.Files is null || deployment.Workflows is null || deployment.Entry is null)
        {
            throw new BackupRejectedException($"The manifest of deployment version {version} is incomplete or names another version.");
        }

        var files = ReadFiles(folder, version, deployment);
        var result = files.Count == 1 && files.ContainsKey(deployment.Entry)
            ? validator.Validate(files[deployment.Entry], UploadKind.Dll, UploadLimits.Default, deployment.Entry)
            : validator.Validate(Zip(files), UploadKind.Zip, UploadLimits.Default, $"version-{version}.zip");
        if (result.Upload is not { } upload)
        {
            throw new BackupRejectedException(
                $"Deployment version {version} fails upload validation: {string.Join(" ", result.Problems.Take(5).Select(p => p.Message))}");
        }

        var found = upload.Workflows.Select(w => (w.Name, w.TypeFullName)).Order().ToList();
        var declared = deployment.Workflows.Select(w => (w.Name, w.Type)).Order().ToList();
        if (upload.EntryAssemblyPath != deployment.Entry || !found.SequenceEqual(declared))
        {
            throw new BackupRejectedException($"Deployment version {version} does not hold the entry assembly and workflows its manifest names.");
        }

        return new DeploymentRecord(tenant, version, deployment.Sha256, deployment.Entry, deployment.Workflows,
            deployment.UploadedAt.ToUnixTimeMilliseconds());
    }

    private static Dictionary<string, byte[]> ReadFiles(string folder, int version, DeploymentManifest deployment)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var file in deployment.Files)
        {
            var path = Path.Combine(folder, file.Path);
            if (ZipEntryPath.FindUnsafePart(file.Path) is not null || !File.Exists(path))
            {
                throw new BackupRejectedException($"Deployment version {version} lists '{file.Path}', which the archive does not hold.");
            }

            var bytes = File.ReadAllBytes(path);
            if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(bytes)), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                throw new BackupRejectedException($"Deployment version {version}: '{file.Path}' does not match the sha256 in its manifest.");
            }

            files[file.Path] = bytes;
        }

        var present = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => f != DeploymentStore.ManifestFile);
        if (present.FirstOrDefault(f => !files.ContainsKey(f)) is { } extra)
        {
            throw new BackupRejectedException($"Deployment version {version} holds '{extra}', which its manifest does not list.");
        }

        return files;
    }

    private static byte[] Zip(Dictionary<string, byte[]> files)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in files)
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.Fastest).Open();
                entry.Write(bytes);
            }
        }

        return buffer.ToArray();
    }
}
