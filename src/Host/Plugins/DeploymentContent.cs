using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Skein.Host.Plugins;

/// <summary>
/// The identity of a deployment's content: every stored file's path and sha256, in path order. Two uploads with the
/// same files are the same deployment even when their zips differ byte for byte (entry order, timestamps,
/// compression); the manifest of each stored version holds what is needed to compare.
/// </summary>
internal static class DeploymentContent
{
    public static string DigestOf(IReadOnlyDictionary<string, byte[]> files) =>
        Digest(files.Select(f => (f.Key, Convert.ToHexStringLower(SHA256.HashData(f.Value)))));

    /// <summary>The digest of a stored version, from its manifest; null when the manifest cannot be read.</summary>
    public static string? DigestOfStored(string versionFolder)
    {
        try
        {
            var manifest = JsonSerializer.Deserialize<DeploymentManifest>(
                File.ReadAllBytes(Path.Combine(versionFolder, DeploymentStore.ManifestFile)), DeploymentStore.ManifestJson);
            return manifest?.Files is { } files ? Digest(files.Select(f => (f.Path, f.Sha256))) : null;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or JsonException)
        {
            // A version whose manifest cannot be read is simply not a match; the upload is stored as a new version.
            return null;
        }
    }

    private static string Digest(IEnumerable<(string Path, string Sha256)> files)
    {
        var text = new StringBuilder();
        foreach (var (path, sha) in files.Select(f => (f.Path.Replace('\\', '/'), f.Sha256.ToLowerInvariant())).OrderBy(f => f.Item1, StringComparer.Ordinal))
        {
            text.Append(path).Append('\0').Append(sha).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }
}
