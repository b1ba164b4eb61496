using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;
using Skein.Host.Tenants;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Plugins;

/// <summary>
/// The parts of a node that load and unload tenant code, wired as the host wires them (see HostSetup), on fake time
/// over a temporary data folder: engine, tenant registry, deployments, loaded versions and the watch over unloaded ones.
/// </summary>
internal sealed class PluginNode : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly StandaloneEngine _node;

    public PluginNode(int maxLoadedVersions = 512)
    {
        Options = new EngineOptions { DataDir = _dir.Path, MaxLoadedVersions = maxLoadedVersions };
        Unloaded = new UnloadedContexts(NullLogger<UnloadedContexts>.Instance);
        var catalog = new Catalog(new DataFolder(Options.DataDir));
        Versions = new LoadedVersions(Options, catalog, Unloaded);
        var directory = new TenantDirectory();
        Resolver = new PluginWorkflowResolver(directory, Versions);
        _node = new StandaloneEngine(Options, Resolver, Time, NullLoggerFactory.Instance, _ => [], catalog);
        _node.Start();
        Registry = new TenantRegistry(catalog, _node.Runtimes, directory, Options, Time);
        Registry.Load();
        Deployments = new DeploymentService(_node.Runtimes, catalog, Options, Time, Registry, Versions, new UploadValidator(),
            NullLogger<DeploymentService>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public EngineOptions Options { get; }

    public UnloadedContexts Unloaded { get; }

    public LoadedVersions Versions { get; }

    public PluginWorkflowResolver Resolver { get; }

    public WorkflowEngine Engine => _node.Engine;

    public TenantRuntimes Runtimes => _node.Runtimes;

    public TenantRegistry Registry { get; }

    public DeploymentService Deployments { get; }

    public VersionRetirementService Retirement(ILogger<VersionRetirementService>? logger = null) =>
        new(Deployments, Registry, Unloaded, Time, logger ?? NullLogger<VersionRetirementService>.Instance);

    /// <summary>Uploads a fresh copy of <see cref="VersionedTenant"/>; returns the version it became (active).</summary>
    public async Task<int> DeployAsync(string tenant) =>
        (await Deployments.DeployAsync(tenant, VersionedTenant.Build(), UploadKind.Dll, VersionedTenant.Entry)).Version;

    public async Task<string> WaitForStatusAsync(string tenant, string id, string status)
    {
        using var deadline = new CancellationTokenSource(Eventually.DefaultDeadline);
        return (await Engine.WaitForStatusAsync(tenant, id, s => s?.Name == status, deadline.Token))?.Name ?? "deleted";
    }

    public void Dispose()
    {
        _node.Dispose();
        Versions.Dispose();
        _dir.Dispose();
    }
}
