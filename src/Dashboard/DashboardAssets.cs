using System.Security.Cryptography;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Skein.Dashboard;

/// <summary>
/// The dashboard's files, read from the assembly's embedded manifest into memory at start: they are a few tens of
/// kilobytes, and hashing them once gives every answer a strong ETag, so a browser revalidates instead of downloading.
/// </summary>
internal sealed class DashboardAssets
{
    private readonly Dictionary<string, DashboardAsset> _files = new(StringComparer.Ordinal);

    public DashboardAssets()
    {
        var provider = new ManifestEmbeddedFileProvider(typeof(DashboardAssets).Assembly, "wwwroot");
        var types = new FileExtensionContentTypeProvider();
        Add(provider, types, "");
    }

    public IEnumerable<string> Paths => _files.Keys;

    /// <summary>The file at <paramref name="path"/> (relative, '/'-separated, e.g. <c>js/app.js</c>), or null.</summary>
    public DashboardAsset? Find(string path) => _files.GetValueOrDefault(path);

    private void Add(IFileProvider provider, FileExtensionContentTypeProvider types, string folder)
    {
        // The manifest provider names its root "/", not "".
        foreach (var file in provider.GetDirectoryContents(folder.Length == 0 ? "/" : folder))
        {
            var path = folder.Length == 0 ? file.Name : $"{folder}/{file.Name}";
            if (file.IsDirectory)
            {
                Add(provider, types, path);
                continue;
            }

            using var stream = file.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var type = types.TryGetContentType(file.Name, out var known) ? known : "application/octet-stream";
            if (type.StartsWith("text/", StringComparison.Ordinal) || type is "application/javascript" or "text/javascript")
            {
                type += "; charset=utf-8";
            }

            var tag = new EntityTagHeaderValue($"\"{Convert.ToHexStringLower(SHA256.HashData(content))[..32]}\"");
            _files[path] = new DashboardAsset(content, type, tag);
        }
    }
}
