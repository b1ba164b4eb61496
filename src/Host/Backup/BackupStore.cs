using System.Globalization;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// Stored backups, <c>{DataDir}/backups/{tenant}/{id}.zip</c>. An archive is written under a dot-name and renamed
/// once complete and flushed, so a backup cut short by a crash is never listed.
/// </summary>
internal sealed class BackupStore(Engine.EngineOptions engineOptions, BackupWriter writer, TimeProvider time,
    ILogger<BackupStore>? logger = null)
{
    private readonly ILogger _logger = logger ?? (ILogger)Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

    public string Folder(string tenant) => Path.Combine(engineOptions.DataDir, "backups", tenant);

    /// <summary>The id suffix that marks a scheduled backup; every other archive counts as taken by hand.</summary>
    private const string ScheduledSuffix = "-scheduled";

    public StoredBackup Create(string tenant, BackupKind kind = BackupKind.Manual) =>
        Create(tenant, kind, temp => writer.Write(tenant, temp));

    /// <summary>Backs up the runtime a request bound to (it waited for a restore, if one ran, without a thread).</summary>
    public StoredBackup Create(Engine.TenantRuntime runtime, BackupKind kind) =>
        Create(runtime.Tenant, kind, temp => writer.Write(runtime, temp));

    private StoredBackup Create(string tenant, BackupKind kind, Action<string> write)
    {
        var folder = Folder(tenant);
        DurableFiles.CreateDirectory(folder);
        var id = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("n")[..6]
            + (kind == BackupKind.Scheduled ? ScheduledSuffix : "");
        var temp = Path.Combine(folder, $".partial-{id}.zip");
        try
        {
            write(temp);
            DurableFiles.Move(temp, PathOf(tenant, id), isDirectory: false);
            BackupLog.Stored(_logger, tenant, id, kind == BackupKind.Scheduled ? "scheduled" : "manual");
        }
        finally
        {
            File.Delete(temp);
        }

        return Find(tenant, id)!;
    }

    public IReadOnlyList<StoredBackup> List(string tenant)
    {
        var folder = Folder(tenant);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(folder, "*.zip")
            .Select(p => Path.GetFileNameWithoutExtension(p))
            .Where(IsId)
            .Order(StringComparer.Ordinal)
            // A backup pruned (or deleted) between the listing and the look is simply not there any more.
            .Select(id => Find(tenant, id))
            .OfType<StoredBackup>()];
    }

    public StoredBackup? Find(string tenant, string id)
    {
        if (!TenantIds.IsValid(tenant) || !IsId(id))
        {
            return null;
        }

        var file = new FileInfo(PathOf(tenant, id));
        var kind = id.EndsWith(ScheduledSuffix, StringComparison.Ordinal) ? BackupKind.Scheduled : BackupKind.Manual;
        return file.Exists ? new StoredBackup(id, file.Length, new DateTimeOffset(file.LastWriteTimeUtc, TimeSpan.Zero), kind, file.FullName) : null;
    }

    public bool Delete(string tenant, string id)
    {
        if (Find(tenant, id) is not { } backup)
        {
            return false;
        }

        DurableFiles.DeleteFile(backup.Path);
        return true;
    }

    /// <summary>
    /// Keeps the newest <paramref name="keep"/> scheduled backups of the tenant. Backups taken by hand are neither
    /// counted nor deleted unless <paramref name="includeManual"/> says so: they are often the one taken before a
    /// risky change, and an archive from before this rule (no kind in its id) is treated as one of them.
    /// </summary>
    public void Prune(string tenant, int keep, bool includeManual = false)
    {
        var counted = List(tenant).Where(b => includeManual || b.Kind == BackupKind.Scheduled);
        foreach (var old in counted.SkipLast(Math.Max(keep, 0)))
        {
            DurableFiles.DeleteFile(old.Path);
            BackupLog.Pruned(_logger, tenant, old.Id, keep);
        }
    }

    /// <summary>
    /// Removes the partial archives a crash left behind, for every tenant. Called at start only: later, a partial file
    /// is an archive being written right now (a backup taken by hand while the scheduler runs).
    /// </summary>
    public void CleanPartials()
    {
        var root = Path.Combine(engineOptions.DataDir, "backups");
        if (Directory.Exists(root))
        {
            foreach (var partial in Directory.EnumerateFiles(root, ".partial-*", SearchOption.AllDirectories))
            {
                File.Delete(partial);
            }
        }
    }

    /// <summary>Removes snapshots and received archives that a crash left in the work folder.</summary>
    public void CleanWork()
    {
        var work = BackupWriter.WorkFolder(engineOptions.DataDir);
        if (Directory.Exists(work))
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private string PathOf(string tenant, string id) => Path.Combine(Folder(tenant), id + ".zip");

    private static bool IsId(string id) =>
        id.Length is > 0 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-') && !id.StartsWith('-');
}

/// <summary>A stored backup archive.</summary>
internal sealed record StoredBackup(string Id, long Size, DateTimeOffset CreatedAt,
    [property: System.Text.Json.Serialization.JsonIgnore] BackupKind Kind,
    [property: System.Text.Json.Serialization.JsonIgnore] string Path)
{
    /// <summary><c>manual</c> or <c>scheduled</c>: only scheduled backups count towards retention by default.</summary>
    [System.Text.Json.Serialization.JsonPropertyName("kind")]
    public string KindName => Kind == BackupKind.Scheduled ? "scheduled" : "manual";
}
