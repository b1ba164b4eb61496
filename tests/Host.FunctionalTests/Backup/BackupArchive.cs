using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace Skein.Host.FunctionalTests.Backup;

/// <summary>A backup archive opened for inspection and tampering: its files and its manifest.</summary>
internal sealed class BackupArchive
{
    private BackupArchive(Dictionary<string, byte[]> files, JsonObject manifest)
    {
        Files = files;
        Manifest = manifest;
    }

    public Dictionary<string, byte[]> Files { get; }

    public JsonObject Manifest { get; }

    public static BackupArchive Read(byte[] zipBytes)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using var zip = new ZipArchive(new MemoryStream(zipBytes), ZipArchiveMode.Read);
        foreach (var entry in zip.Entries)
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[entry.FullName] = copy.ToArray();
        }

        var manifest = JsonNode.Parse(files["manifest.json"])!.AsObject();
        files.Remove("manifest.json");
        return new BackupArchive(files, manifest);
    }

    public static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>The archive as a zip; with <paramref name="recomputeManifest"/>, the manifest lists the files as they are now.</summary>
    public byte[] Write(bool recomputeManifest = true, IEnumerable<(string Name, byte[] Bytes)>? extraEntries = null)
    {
        if (recomputeManifest)
        {
            Manifest["files"] = new JsonArray([.. Files.Select(f => (JsonNode)new JsonObject
            {
                ["path"] = f.Key,
                ["size"] = f.Value.Length,
                ["sha256"] = Sha256(f.Value),
            })]);
        }

        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in Files.Select(f => (f.Key, f.Value)).Concat(extraEntries ?? []))
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(bytes);
            }

            using var manifest = zip.CreateEntry("manifest.json").Open();
            manifest.Write(System.Text.Encoding.UTF8.GetBytes(Manifest.ToJsonString()));
        }

        return buffer.ToArray();
    }
}
