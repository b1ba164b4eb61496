using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Storage;
using Skein.Host.Tenants;

namespace Skein.Host.Backup;

/// <summary>
/// Restores a tenant from a backup archive. Everything is checked in a staging folder first; only a fully verified
/// archive touches the live tenant, which is then quiesced, swapped (see <see cref="TenantSwap"/>), reopened and
/// recovered, so every unfinished instance of the archive resumes: queued and running ones start, timers are
/// re-armed, waits wait again.
/// </summary>
internal sealed partial class RestoreService(
    WorkflowEngine engine,
    TenantRegistry registry,
    LoadedVersions versions,
    DeploymentCheck deployments,
    BackupOptions options,
    TenantOperations operations,
    ILogger<RestoreService> logger)
{
    /// <summary>For tests: called at each step of the swap (see <see cref="TenantSwap.CrashPoints"/>).</summary>
    internal Action<string>? CrashPoint { get; set; }

    /// <summary>
    /// Restores the archive at <paramref name="archivePath"/>, which must be a backup of <paramref name="source"/>,
    /// into <paramref name="target"/> (created if this node does not have it).
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string source, string target, string archivePath)
    {
        if (!TenantIds.IsValid(target))
        {
            throw new InvalidRequestException($"'{target}' is not a valid tenant id.");
        }

        using (await operations.EnterAsync(target))
        {
            return await Task.Run(() => Restore(source, target, archivePath));
        }
    }

    private RestoreResult Restore(string source, string target, string archivePath)
    {
        var dataDir = engine.Options.DataDir;
        Directory.CreateDirectory(RestoreJournal.TenantsFolder(dataDir));
        var journal = new RestoreJournal(target, RestoreJournal.NewStagingName(target), RestoreJournal.NewOldName(target),
            engine.Time.GetUtcNow().ToUnixTimeMilliseconds(), null, null, []);
        var staging = journal.StagingPath(dataDir);
        try
        {
            var manifest = ArchiveExtractor.Extract(archivePath, staging, options);
            if (manifest.Tenant != source)
            {
                throw new BackupRejectedException(source == target
                    ? $"The archive is a backup of tenant '{manifest.Tenant}', not '{target}'. To restore it into '{target}', POST it to /v1/tenants/{manifest.Tenant}/restore?as={target}."
                    : $"The archive is a backup of tenant '{manifest.Tenant}', not '{source}'.");
            }

            var log = StagedLogCheck.Verify(staging, manifest);
            var records = deployments.Verify(staging, manifest, log, target);
            DurableFiles.FlushTree(staging);
            journal = journal with
            {
                LimitsJson = manifest.LimitsJson,
                ActiveVersion = manifest.ActiveVersion,
                Deployments = records,
                // Keys travel with a move (same id), never with a clone: one key must not open two tenants.
                Keys = manifest.Tenant == target ? manifest.Keys : null,
            };
            Swap(journal);
            LogRestored(logger, target, manifest.Tenant, manifest.CreatedAt, log.Instances);
            return new RestoreResult(target, manifest.Tenant, manifest.CreatedAt, manifest.LastPosition, log.Instances,
                manifest.ActiveVersion, [.. records.Select(r => r.Version)]);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private void Swap(RestoreJournal journal)
    {
        var dataDir = engine.Options.DataDir;
        var quiesced = false;
        try
        {
            new TenantSwap(dataDir, engine.Catalog, CrashPoint).Run(journal, () =>
            {
                engine.QuiesceTenant(journal.Tenant);
                quiesced = true;
                versions.UnloadTenant(journal.Tenant);
            });
        }
        catch when (File.Exists(RestoreJournal.PathOf(dataDir, journal.Tenant)))
        {
            // Whatever failed, leave the tenant wholly old or wholly new before it opens again.
            journal.Recover(dataDir, engine.Catalog);
            throw;
        }
        finally
        {
            if (quiesced)
            {
                // Version numbers of the archive may name other code than the ones loaded before.
                versions.UnloadTenant(journal.Tenant);
                engine.ReopenTenant(journal.Tenant);
                registry.Load();
            }
        }
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Information,
        Message = "Tenant {Tenant} restored from a backup of {Source} taken at {CreatedAt}: {Instances} instances")]
    private static partial void LogRestored(ILogger logger, string tenant, string source, DateTimeOffset createdAt, long instances);
}

/// <summary>What a restore put in place.</summary>
internal sealed record RestoreResult(
    string Tenant,
    string RestoredFrom,
    DateTimeOffset BackupCreatedAt,
    long LastPosition,
    long Instances,
    int? ActiveVersion,
    IReadOnlyList<int> Versions);
