using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;
using System.Text.Json;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Writes a tenant's backup archive: an online snapshot of its log, the deployment versions that the active
/// version and every unfinished instance need, and a manifest with the sha256 of every file.
/// </summary>
internal sealed class BackupWriter(TenantRuntimes runtimes, Catalog catalog, EngineOptions options, TimeProvider time,
    ILogger<BackupWriter>? logger = null)
{
    private static readonly string SkeinVersion =
        typeof(BackupWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";

    /// <summary>The folder for archives being written or received; beside the data, on the same disk.</summary>
    public static string WorkFolder(string dataDir) => Path.Combine(dataDir, "backups", ".work");

    /// <summary>Writes the archive of <paramref name="tenant"/> to <paramref name="archivePath"/> (flushed); returns its manifest.</summary>
    public BackupManifest Write(string tenant, string archivePath) => Write(runtimes.Runtime(tenant), archivePath);

    /// <summary>
    /// <see cref="Write(string, string)"/> for a request: waits for a restore of the tenant, if one runs, without
    /// holding a thread, then writes the archive on the thread pool.
    /// </summary>
    public async Task<BackupManifest> WriteAsync(string tenant, string archivePath)
    {
        var runtime = await runtimes.RuntimeAsync(tenant);
        return await Task.Run(() => Write(runtime, archivePath));
    }

    /// <summary>Writes the archive of the tenant incarnation <paramref name="runtime"/>.</summary>
    public BackupManifest Write(TenantRuntime runtime, string archivePath)
    {
        var manifest = WriteArchive(runtime, archivePath);
        Telemetry.SkeinInstruments.Backups.Add(1, runtime.TenantTag);
        return manifest;
    }

    private BackupManifest WriteArchive(TenantRuntime runtime, string archivePath)
    {
        var tenant = runtime.Tenant;
        var record = catalog.FindTenant(tenant) ?? throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        var work = WorkFolder(options.DataDir);
        Directory.CreateDirectory(work);
        var snapshotPath = Path.Combine(work, $"snapshot-{tenant}-{Guid.NewGuid():n}.db");
        try
        {
            // Created empty first, so its pages can be flushed as SQLite writes them (see TrickleFlush).
            File.Create(snapshotPath).Dispose();
            using (TrickleFlush.OfPath(snapshotPath))
            {
                // Bound to the runtime found above: a tenant deleted and created again meanwhile is not copied instead.
                runtime.Read(log =>
                {
                    var files = log as ILogFileBackup
                        ?? throw new NotSupportedException($"The log of tenant '{tenant}' is not kept in a file the node can copy; back it up with its database's tools.");
                    files.BackupTo(snapshotPath);
                    return snapshotPath;
                });
            }

            var snapshot = LogSnapshot.Read(snapshotPath);
            var versions = snapshot.UnfinishedVersions
                .Concat(record.ActiveVersion is { } active ? [active] : [])
                .Distinct().Order().ToList();
            var sources = new List<(string Entry, string File)> { (BackupManifest.LogFile, snapshotPath) };
            foreach (var version in versions)
            {
                var folder = DeploymentStore.VersionFolder(options.DataDir, tenant, version);
                if (!Directory.Exists(folder))
                {
                    throw new InvalidOperationException($"Deployment version {version} of tenant '{tenant}' is missing on disk.");
                }

                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
                    sources.Add(($"deployments/{version}/{relative}", file));
                }
            }

            var files = new List<BackupFile>();
            using (var stream = new FileStream(archivePath, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            using (TrickleFlush.OfStream(stream))
            {
                using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
                {
                    foreach (var (entry, file) in sources)
                    {
                        files.Add(AddFile(zip, entry, file));
                    }

                    var manifest = new BackupManifest(BackupManifest.CurrentFormat, tenant, SkeinVersion, snapshot.SchemaVersion,
                        time.GetUtcNow(), snapshot.LastPosition, snapshot.Instances, record.ActiveVersion, versions,
                        record.LimitsJson, files,
                        [.. catalog.ListKeysWithHashes(tenant).Select(k => new BackupKey(k.Id, k.Hash, k.CreatedAt, k.RevokedAt))]);
                    var bytes = JsonSerializer.SerializeToUtf8Bytes(manifest, BackupManifest.Json);
                    using (var manifestStream = zip.CreateEntry(BackupManifest.FileName, CompressionLevel.Fastest).Open())
                    {
                        manifestStream.Write(bytes);
                    }

                    stream.Flush();
                    zip.Dispose();
                    stream.Flush(flushToDisk: true);
                    BackupLog.Written(logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, tenant, manifest.Instances,
                        manifest.LastPosition, versions, stream.Length);
                    return manifest;
                }
            }
        }
        finally
        {
            File.Delete(snapshotPath);
        }
    }

    private static BackupFile AddFile(ZipArchive zip, string entryName, string file)
    {
        using var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        using (var output = zip.CreateEntry(entryName, CompressionLevel.Fastest).Open())
        {
            var buffer = new byte[81920];
            int read;
            while ((read = input.Read(buffer)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                output.Write(buffer, 0, read);
            }
        }

        return new BackupFile(entryName, input.Length, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }
}
