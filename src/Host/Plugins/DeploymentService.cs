using System.Collections.Concurrent;
using System.Security.Cryptography;
using Skein.Host.Engine;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;
using Skein.Host.Tenants;

namespace Skein.Host.Plugins;

/// <summary>
/// Uploads, versions and retirement: an upload is validated before anything is stored, written as a new
/// immutable version, loaded once to prove it loads, and made active; versions no longer needed are unloaded.
/// An upload whose content a version of the tenant already holds stores nothing and makes that version active.
/// </summary>
internal sealed partial class DeploymentService(TenantRuntimes runtimes, Catalog catalog, EngineOptions options, TimeProvider time,
    TenantRegistry registry, LoadedVersions versions, UploadValidator validator,
    ILogger<DeploymentService> logger)
{
    private const string HostFaultMessage =
        "The upload passed validation, but the host could not {0} it because of a fault on the host, not in the upload. "
        + "Nothing was deployed; the cause is in the host's log for the operator. Retry later, or tell the operator.";

    private readonly ConcurrentDictionary<string, SemaphoreSlim> _uploadLocks = new(StringComparer.Ordinal);

    public async Task<DeploymentRecord> DeployAsync(string tenant, ReadOnlyMemory<byte> body, UploadKind kind, string? fileName) =>
        (await DeployOrReuseAsync(await runtimes.RuntimeAsync(tenant), body, kind, fileName)).Record;

    /// <summary>
    /// Validates and deploys an upload, or finds the existing version with the same content and activates it. It deploys
    /// to the tenant incarnation a request started on: refused (404) if that tenant was deleted meanwhile, even when
    /// another tenant now has its id.
    /// </summary>
    public async Task<DeploymentOutcome> DeployOrReuseAsync(TenantRuntime runtime, ReadOnlyMemory<byte> body, UploadKind kind, string? fileName)
    {
        try
        {
            var outcome = await ValidateAndDeployAsync(runtime, body, kind, fileName);
            Telemetry.UploadVerdicts.Accepted(runtime.Tenant);
            if (outcome.Created)
            {
                DeploymentLog.Accepted(logger, runtime.Tenant, outcome.Record.Version, [.. outcome.Record.Workflows.Select(w => w.Name)]);
            }

            return outcome;
        }
        catch (UploadRejectedException rejected)
        {
            Telemetry.UploadVerdicts.Refused(runtime.Tenant, rejected.Problems.Count > 0 ? rejected.Problems[0].Code : "refused");
            DeploymentLog.Refused(logger, runtime.Tenant, rejected.Problems.Count, [.. rejected.Problems.Select(p => p.Code).Distinct(StringComparer.Ordinal)]);
            throw;
        }
    }

    private async Task<DeploymentOutcome> ValidateAndDeployAsync(TenantRuntime runtime, ReadOnlyMemory<byte> body, UploadKind kind, string? fileName)
    {
        var tenant = runtime.Tenant;
        var result = validator.Validate(body, kind, UploadLimits.Default, fileName);
        if (result.Upload is not { } upload)
        {
            throw new UploadRejectedException(result.Problems);
        }

        var deployment = new ValidatedDeployment(
            upload.Files,
            upload.EntryAssemblyPath,
            [.. upload.Workflows.Select(w => new DeployedWorkflow(w.Name, w.TypeFullName))],
            Convert.ToHexStringLower(SHA256.HashData(body.Span)));
        var gate = _uploadLocks.GetOrAdd(tenant, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            runtime.ThrowIfStopped();
            return await Task.Run(() => FindSame(tenant, deployment) is { } same
                ? new DeploymentOutcome(Reuse(tenant, same), Created: false)
                : new DeploymentOutcome(Store(tenant, deployment), Created: true));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes a stored version the active one (roll back or forward), once it is proven to load.</summary>
    public void Activate(string tenant, int version)
    {
        if (catalog.FindDeployment(tenant, version) is { } record)
        {
            Probe(record);
        }

        registry.Activate(tenant, version);
        DeploymentLog.Activated(logger, tenant, version);
        runtimes.TryRuntimeNow(tenant)?.Schedules.ActiveVersionChanged();
        RetireIdle(tenant);
    }

    /// <summary>
    /// Unloads every loaded version of the tenant that is not active and has no unfinished instance; returns the
    /// load contexts, weakly, so a caller can check they were collected.
    /// </summary>
    public IReadOnlyList<WeakReference> RetireIdle(string tenant)
    {
        var active = registry.Find(tenant)?.ActiveVersion;
        // A tenant being deleted or restored is skipped (its code is unloaded by the delete or the restore); looking it
        // up must not reopen it, nor wait for the restore.
        if (runtimes.TryRuntimeNow(tenant) is not { } runtime)
        {
            return [];
        }

        var retired = new List<WeakReference>();
        foreach (var version in versions.LoadedVersionsOf(tenant))
        {
            if (version != active && !runtime.Read(log => log.HasUnfinishedOn(version)) && versions.Unload(tenant, version) is { } context)
            {
                retired.Add(context);
            }
        }

        return retired;
    }

    /// <summary>
    /// The newest version holding the same content: the same upload bytes, or the same files. Re-deploying what is
    /// already deployed is then a no-op (or a roll back to it), the way re-running a deploy of unchanged code is.
    /// </summary>
    private DeploymentRecord? FindSame(string tenant, ValidatedDeployment deployment)
    {
        var existing = catalog.ListDeployments(tenant).OrderByDescending(d => d.Version).ToList();
        if (existing.FirstOrDefault(d => string.Equals(d.Sha256, deployment.Sha256, StringComparison.OrdinalIgnoreCase)) is { } sameBytes)
        {
            return sameBytes;
        }

        var digest = DeploymentContent.DigestOf(deployment.Files);
        return existing.FirstOrDefault(d =>
            DeploymentContent.DigestOfStored(DeploymentStore.VersionFolder(options.DataDir, tenant, d.Version)) == digest);
    }

    private DeploymentRecord Reuse(string tenant, DeploymentRecord same)
    {
        var wasActive = registry.Find(tenant)?.ActiveVersion == same.Version;
        if (!wasActive)
        {
            Activate(tenant, same.Version);
        }

        LogReused(logger, tenant, same.Version, !wasActive);
        return same;
    }

    private DeploymentRecord Store(string tenant, ValidatedDeployment deployment)
    {
        var dataDir = options.DataDir;
        var version = catalog.NextVersion(tenant);
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var folder = DeploymentStore.VersionFolder(dataDir, tenant, version);
        var record = new DeploymentRecord(tenant, version, deployment.Sha256, deployment.Entry, deployment.Workflows, now);
        try
        {
            RemoveOrphan(tenant, folder);
            DeploymentStore.CleanStaging(dataDir, tenant);
            DeploymentStore.Write(dataDir, tenant, version, deployment, now);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw HostFault(error, tenant, version, "store");
        }

        try
        {
            // Prove the version loads and every workflow resolves before anyone can start it.
            using var probe = LoadedVersion.Load(folder, record);
        }
        catch (VersionLoadException rejected)
        {
            Discard(tenant, folder);
            LogDoesNotLoad(logger, tenant, version, rejected.Message);
            throw new UploadRejectedException([new UploadProblem("load-failed", deployment.Entry, null, null, null, rejected.Message)]);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Discard(tenant, folder);
            throw HostFault(error, tenant, version, "load");
        }

        try
        {
            catalog.AddDeployment(record);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Discard(tenant, folder);
            throw HostFault(error, tenant, version, "record");
        }

        registry.DeploymentAdded();
        runtimes.TryRuntimeNow(tenant)?.Schedules.ActiveVersionChanged();
        RetireIdle(tenant);
        return record;
    }

    /// <summary>Loads a stored version (kept loaded: it is about to be active); a failure says whose fault it is.</summary>
    private void Probe(DeploymentRecord record)
    {
        try
        {
            _ = versions.Get(record.Tenant, record.Version);
        }
        catch (VersionLoadException rejected)
        {
            LogDoesNotLoad(logger, record.Tenant, record.Version, rejected.Message);
            throw new UploadRejectedException([new UploadProblem("load-failed", record.Entry, null, null, null,
                $"Version {record.Version} does not load on this host, so it was not made active: {rejected.Message}")]);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            throw HostFault(error, record.Tenant, record.Version, "load");
        }
    }

    /// <summary>
    /// A version folder the catalog does not know was left by a crash or a failure between storing and recording a
    /// version; nothing can use it, and leaving it would fail every later upload of the tenant.
    /// </summary>
    private void RemoveOrphan(string tenant, string folder)
    {
        if (Directory.Exists(folder))
        {
            LogOrphanRemoved(logger, tenant, folder);
            Storage.DurableFiles.DeleteDirectory(folder);
        }
    }

    private void Discard(string tenant, string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Storage.DurableFiles.DeleteDirectory(folder);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // The next upload removes it (RemoveOrphan); the refusal the caller is about to get matters more.
            LogDiscardFailed(logger, error, tenant, folder);
        }
    }

    private HostFaultException HostFault(Exception error, string tenant, int version, string stage)
    {
        LogHostFault(logger, error, tenant, version, stage);
        return new HostFaultException(string.Format(System.Globalization.CultureInfo.InvariantCulture, HostFaultMessage, stage), error);
    }

    [LoggerMessage(EventId = EventIds.DeploymentHostFault, Level = LogLevel.Error,
        Message = "Deployment of version {Version} of tenant {Tenant} failed on the host at the {Stage} stage; the upload was valid and the tenant was told it is not at fault")]
    private static partial void LogHostFault(ILogger logger, Exception error, string tenant, int version, string stage);

    [LoggerMessage(EventId = EventIds.DeploymentReused, Level = LogLevel.Information,
        Message = "Upload to tenant {Tenant} has the content of version {Version}; no new version was stored (activated: {Activated})")]
    private static partial void LogReused(ILogger logger, string tenant, int version, bool activated);

    [LoggerMessage(EventId = EventIds.VersionDoesNotLoad, Level = LogLevel.Warning, Message = "Version {Version} of tenant {Tenant} does not load: {Reason}")]
    private static partial void LogDoesNotLoad(ILogger logger, string tenant, int version, string reason);

    [LoggerMessage(EventId = EventIds.OrphanVersionFolderRemoved, Level = LogLevel.Warning,
        Message = "Removed {Folder} of tenant {Tenant}: a version folder the catalog does not know, left by an earlier crash or failure")]
    private static partial void LogOrphanRemoved(ILogger logger, string tenant, string folder);

    [LoggerMessage(EventId = EventIds.VersionFolderDiscardFailed, Level = LogLevel.Warning, Message = "Could not remove {Folder} of tenant {Tenant} after a failed deployment")]
    private static partial void LogDiscardFailed(ILogger logger, Exception error, string tenant, string folder);
}
