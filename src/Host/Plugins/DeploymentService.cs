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
/// </summary>
internal sealed class DeploymentService(WorkflowEngine engine, TenantRegistry registry, LoadedVersions versions, UploadValidator validator)
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _uploadLocks = new(StringComparer.Ordinal);

    public async Task<DeploymentRecord> DeployAsync(string tenant, ReadOnlyMemory<byte> body, UploadKind kind, string? fileName)
    {
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
            return await Task.Run(() => Store(tenant, deployment));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Makes a stored version the active one (roll back or forward).</summary>
    public void Activate(string tenant, int version)
    {
        registry.Activate(tenant, version);
        RetireIdle(tenant);
    }

    /// <summary>
    /// Unloads every loaded version of the tenant that is not active and has no unfinished instance; returns the
    /// load contexts, weakly, so a caller can check they were collected.
    /// </summary>
    public IReadOnlyList<WeakReference> RetireIdle(string tenant)
    {
        var active = registry.Find(tenant)?.ActiveVersion;
        var log = engine.Runtime(tenant).Log;
        var retired = new List<WeakReference>();
        foreach (var version in versions.LoadedVersionsOf(tenant))
        {
            if (version != active && !log.HasUnfinishedOn(version) && versions.Unload(tenant, version) is { } context)
            {
                retired.Add(context);
            }
        }

        return retired;
    }

    private DeploymentRecord Store(string tenant, ValidatedDeployment deployment)
    {
        var catalog = engine.Catalog;
        var version = catalog.NextVersion(tenant);
        var now = engine.Time.GetUtcNow().ToUnixTimeMilliseconds();
        DeploymentStore.CleanStaging(engine.Options.DataDir, tenant);
        DeploymentStore.Write(engine.Options.DataDir, tenant, version, deployment, now);
        var record = new DeploymentRecord(tenant, version, deployment.Sha256, deployment.Entry, deployment.Workflows, now);
        try
        {
            // Prove the version loads and every workflow resolves before anyone can start it.
            using var probe = LoadedVersion.Load(DeploymentStore.VersionFolder(engine.Options.DataDir, tenant, version), record);
        }
        catch (Exception error) when (error is not OutOfMemoryException)
        {
            Storage.DurableFiles.DeleteDirectory(DeploymentStore.VersionFolder(engine.Options.DataDir, tenant, version));
            throw new UploadRejectedException([new UploadProblem("load-failed", deployment.Entry, null, null, null,
                $"{deployment.Entry}: the assembly passed validation but does not load: {error.GetBaseException().Message}")]);
        }

        catalog.AddDeployment(record);
        registry.DeploymentAdded();
        RetireIdle(tenant);
        return record;
    }
}
