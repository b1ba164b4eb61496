using Skein.Host.Plugins;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// Deployment versions written to a data folder as the deployment store lays them out, with the catalog records
/// that <see cref="LoadedVersions"/> looks them up by; no engine.
/// </summary>
internal sealed class VersionFolders : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly Dictionary<(string Tenant, int Version), DeploymentRecord> _records = [];

    public string DataDir => _dir.Path;

    /// <summary>Writes a version of <see cref="VersionedTenant"/>; <paramref name="workflows"/> replaces the recorded workflow list.</summary>
    public DeploymentRecord Write(string tenant, int version, IReadOnlyList<DeployedWorkflow>? workflows = null, bool withEntryFile = true)
    {
        var folder = DeploymentStore.VersionFolder(DataDir, tenant, version);
        Directory.CreateDirectory(folder);
        if (withEntryFile)
        {
            File.WriteAllBytes(Path.Combine(folder, VersionedTenant.Entry), VersionedTenant.Build());
        }

        var record = new DeploymentRecord(tenant, version, "sha", VersionedTenant.Entry, workflows ?? VersionedTenant.Workflows, 0);
        _records[(tenant, version)] = record;
        return record;
    }

    public DeploymentRecord? Find(string tenant, int version) => _records.GetValueOrDefault((tenant, version));

    public LoadedVersions Versions(int maxLoaded = 512, UnloadedContexts? unloaded = null) =>
        new(new Skein.Host.Engine.EngineOptions { DataDir = DataDir, MaxLoadedVersions = maxLoaded }, Find, unloaded);

    public void Dispose() => _dir.Dispose();
}
