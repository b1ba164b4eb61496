using System.Text.Json;

namespace Skein.Host.Backup;

/// <summary>
/// <c>manifest.json</c> of a backup archive: what the archive holds and where the log stood when it was taken.
/// Every other entry of the archive is listed in <see cref="Files"/>, with its size and sha256.
/// </summary>
internal sealed record BackupManifest(
    int Format,
    string Tenant,
    string SkeinVersion,
    int SchemaVersion,
    DateTimeOffset CreatedAt,
    long LastPosition,
    long Instances,
    int? ActiveVersion,
    IReadOnlyList<int> Versions,
    string? LimitsJson,
    IReadOnlyList<BackupFile> Files,
    IReadOnlyList<BackupKey>? Keys = null)
{
    public const int CurrentFormat = 1;

    public const string FileName = "manifest.json";

    public const string LogFile = "log.db";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };
}

/// <summary>A tenant API key as the catalog holds it: its id and SHA-256 hash, never the key.</summary>
internal sealed record BackupKey(string Id, string Hash, long CreatedAt, long? RevokedAt);

/// <summary>One file of a backup archive.</summary>
internal sealed record BackupFile(string Path, long Size, string Sha256);
