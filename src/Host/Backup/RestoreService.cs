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
    TenantRuntimes runtimes,
    Catalog catalog,
    EngineOptions engineOptions,
    TimeProvider time,
    TenantRegistry registry,
    LoadedVersions versions,
    DeploymentCheck deployments,
    BackupOptions options,
    TestingOptions testing,
    TenantOperations operations,
    ILogger<RestoreService> logger)
{
    /// <summary>
    /// Called at each step of the swap (see <see cref="TenantSwap.CrashPoints"/>): kills the process at
    /// <c>Skein:Testing:KillAt</c> when the crash tests set it; nothing otherwise.
    /// </summary>
    private readonly Action<string>? _crashPoint = KillSwitch.At(testing.KillAt);

    /// <summary>
    /// Restores the archive at <paramref name="archivePath"/>, which must be a backup of <paramref name="source"/>,
    /// into <paramref name="target"/> (created if this node does not have it). When <paramref name="abandoned"/> is
    /// cancelled before the commit point (the archive verified, the live tenant not yet touched), the restore gives up and
    /// changes nothing: a client that went away (a router killed mid-move, whose undo then deletes the target's copy)
    /// must not find the tenant created behind its back.
    /// </summary>
    public async Task<RestoreResult> RestoreAsync(string source, string target, string archivePath, CancellationToken abandoned = default)
    {
        if (!TenantIds.IsValid(target))
        {
            throw new InvalidRequestException(TenantIds.Problem(target));
        }

        if (testing.KillAt is { } killAt)
        {
            LogKillAt(logger, target, killAt);
        }

        using (await operations.EnterAsync(target))
        {
            var restored = await Task.Run(() => Restore(source, target, archivePath, abandoned));
            Telemetry.SkeinInstruments.Restores.Add(1, new KeyValuePair<string, object?>(Telemetry.SkeinAttributes.MetricTenant, target));
            return restored;
        }
    }

    private RestoreResult Restore(string source, string target, string archivePath, CancellationToken abandoned)
    {
        var dataDir = engineOptions.DataDir;
        Directory.CreateDirectory(RestoreJournal.TenantsFolder(dataDir));
        var journal = new RestoreJournal(target, RestoreJournal.NewStagingName(target), RestoreJournal.NewOldName(target),
            time.GetUtcNow().ToUnixTimeMilliseconds(), null, null, []);
        var staging = journal.StagingPath(dataDir);
        BackupLog.RestoreStarted(logger, target, source);
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
            BackupLog.RestoreVerified(logger, target, log.Instances, [.. records.Select(r => r.Version)]);
            HoldForTests(target, abandoned);
            if (abandoned.IsCancellationRequested)
            {
                // The commit point: past it the swap runs to its end whoever waits for it.
                LogAbandoned(logger, target);
                abandoned.ThrowIfCancellationRequested();
            }

            Swap(journal);
            LogRestored(logger, target, manifest.Tenant, manifest.CreatedAt, log.Instances);
            return new RestoreResult(target, manifest.Tenant, manifest.CreatedAt, manifest.LastPosition, log.Instances,
                manifest.ActiveVersion, [.. records.Select(r => r.Version)]);
        }
        catch (BackupRejectedException refused)
        {
            BackupLog.RestoreRefused(logger, target, refused.Message);
            throw;
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
        var dataDir = engineOptions.DataDir;
        var quiesced = false;
        try
        {
            new TenantSwap(dataDir, catalog, _crashPoint).Run(journal, () =>
            {
                runtimes.QuiesceTenant(journal.Tenant);
                quiesced = true;
                versions.UnloadTenant(journal.Tenant);
            });
        }
        catch when (File.Exists(RestoreJournal.PathOf(dataDir, journal.Tenant)))
        {
            // Whatever failed, leave the tenant wholly old or wholly new before it opens again.
            journal.Recover(dataDir, catalog);
            throw;
        }
        finally
        {
            if (quiesced)
            {
                // Version numbers of the archive may name other code than the ones loaded before.
                versions.UnloadTenant(journal.Tenant);
                runtimes.ReopenTenant(journal.Tenant);
                registry.Load();
            }
        }
    }

    private void HoldForTests(string target, CancellationToken abandoned)
    {
        if (testing.RestoreHoldFile is not { } hold || !File.Exists(hold))
        {
            return;
        }

        LogHeld(logger, target, hold);
        File.WriteAllText(hold + ".held", target);
        // Does not stop for the client: it stands for a slow verification, which does not watch the connection.
        while (File.Exists(hold))
        {
            if (abandoned.IsCancellationRequested && !File.Exists(hold + ".client-gone"))
            {
                File.WriteAllText(hold + ".client-gone", target);
            }

            Thread.Sleep(20);
        }
    }

    [LoggerMessage(EventId = EventIds.RestoreAbandoned, Level = LogLevel.Warning,
        Message = "Restore of tenant {Tenant} abandoned before its commit point: the client went away; nothing was changed")]
    private static partial void LogAbandoned(ILogger logger, string tenant);

    [LoggerMessage(EventId = EventIds.RestoreHeld, Level = LogLevel.Warning,
        Message = "Restore of tenant {Tenant} held at its commit point while {File} exists (Skein:Testing:RestoreHoldFile, a test-only option)")]
    private static partial void LogHeld(ILogger logger, string tenant, string file);

    [LoggerMessage(EventId = EventIds.TenantRestored, Level = LogLevel.Information,
        Message = "Tenant {Tenant} restored from a backup of {Source} taken at {CreatedAt}: {Instances} instances")]
    private static partial void LogRestored(ILogger logger, string tenant, string source, DateTimeOffset createdAt, long instances);

    [LoggerMessage(EventId = EventIds.RestoreKillAtArmed, Level = LogLevel.Warning,
        Message = "Restoring tenant {Tenant} with Skein:Testing:KillAt = {Point}: the process kills itself when the restore reaches that point (a test-only option)")]
    private static partial void LogKillAt(ILogger logger, string tenant, string point);
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
