using System.Text.Json;
using Skein.Host.Storage;

namespace Skein.Host.Backup;

/// <summary>
/// The marker of a restore in progress, <c>{DataDir}/tenants/{tenant}.restore.json</c>: written (durably) before
/// the live folder is touched and removed once the catalog matches the new files. The rename of the staged folder
/// onto the tenant's folder is the commit point: at the next start a journal whose staging folder still exists is
/// undone (the old folder goes back), one whose staging folder is gone is finished (catalog updated, old folder
/// deleted). Either way the tenant is wholly old or wholly new.
/// </summary>
internal sealed record RestoreJournal(
    string Tenant,
    string Staging,
    string Old,
    long CreatedAt,
    string? LimitsJson,
    int? ActiveVersion,
    IReadOnlyList<DeploymentRecord> Deployments,
    IReadOnlyList<BackupKey>? Keys = null)
{
    private const string Suffix = ".restore.json";

    public static string TenantsFolder(string dataDir) => Path.Combine(dataDir, "tenants");

    public static string PathOf(string dataDir, string tenant) => Path.Combine(TenantsFolder(dataDir), tenant + Suffix);

    public string StagingPath(string dataDir) => Path.Combine(TenantsFolder(dataDir), Staging);

    public string OldPath(string dataDir) => Path.Combine(TenantsFolder(dataDir), Old);

    public void Write(string dataDir) =>
        DurableFiles.WriteAtomically(PathOf(dataDir, Tenant), JsonSerializer.SerializeToUtf8Bytes(this, BackupManifest.Json));

    /// <summary>
    /// After the commit point: makes the catalog match the new files, drops the old folder and the journal.
    /// <paramref name="catalogUpdated"/> (for tests) is called once the catalog is updated, before anything is dropped.
    /// </summary>
    public void Finish(string dataDir, Catalog catalog, Action? catalogUpdated = null)
    {
        catalog.RestoreTenant(Tenant, CreatedAt, LimitsJson, Deployments, ActiveVersion,
            Keys?.Select(k => (k.Id, k.Hash, k.CreatedAt, k.RevokedAt)).ToList());
        catalogUpdated?.Invoke();
        DeleteFolder(OldPath(dataDir));
        DeleteJournal(dataDir);
    }

    /// <summary>Before the commit point: puts the old folder back and drops the staged one and the journal.</summary>
    public void Undo(string dataDir)
    {
        var live = TenantIds.Folder(dataDir, Tenant);
        if (!Directory.Exists(live) && Directory.Exists(OldPath(dataDir)))
        {
            DurableFiles.Move(OldPath(dataDir), live, isDirectory: true);
        }

        DeleteFolder(StagingPath(dataDir));
        DeleteJournal(dataDir);
    }

    /// <summary>Finishes or undoes this restore, whichever side of the commit point it stopped on.</summary>
    public void Recover(string dataDir, Catalog catalog)
    {
        if (Directory.Exists(StagingPath(dataDir)))
        {
            Undo(dataDir);
        }
        else
        {
            Finish(dataDir, catalog);
        }
    }

    /// <summary>At start: recovers every restore a crash cut short and removes leftover staging folders.</summary>
    public static void RecoverAll(string dataDir, Catalog catalog)
    {
        var tenants = TenantsFolder(dataDir);
        if (!Directory.Exists(tenants))
        {
            return;
        }

        foreach (var temp in Directory.EnumerateFiles(tenants, "*" + Suffix + ".tmp"))
        {
            File.Delete(temp);
        }

        foreach (var path in Directory.EnumerateFiles(tenants, "*" + Suffix))
        {
            var journal = JsonSerializer.Deserialize<RestoreJournal>(File.ReadAllBytes(path), BackupManifest.Json);
            if (journal is null || !TenantIds.IsValid(journal.Tenant) || !IsWorkFolder(journal.Staging) || !IsWorkFolder(journal.Old))
            {
                throw new InvalidDataException($"The restore journal '{path}' is not valid; inspect it and remove it by hand.");
            }

            journal.Recover(dataDir, catalog);
        }

        // Staging folders of restores that never reached their journal (validation was still running).
        foreach (var folder in Directory.EnumerateDirectories(tenants, ".restore-*").Concat(Directory.EnumerateDirectories(tenants, ".old-*")))
        {
            DeleteFolder(folder);
        }
    }

    public static string NewStagingName(string tenant) => $".restore-{tenant}-{Guid.NewGuid():n}";

    public static string NewOldName(string tenant) => $".old-{tenant}-{Guid.NewGuid():n}";

    private static bool IsWorkFolder(string name) =>
        (name.StartsWith(".restore-", StringComparison.Ordinal) || name.StartsWith(".old-", StringComparison.Ordinal))
        && !name.Contains('/', StringComparison.Ordinal) && !name.Contains('\\', StringComparison.Ordinal) && !name.Contains("..", StringComparison.Ordinal);

    private void DeleteJournal(string dataDir)
    {
        File.Delete(PathOf(dataDir, Tenant));
        DurableFiles.FlushDirectory(TenantsFolder(dataDir));
    }

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
