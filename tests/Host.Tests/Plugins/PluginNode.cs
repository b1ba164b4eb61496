using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
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

    public PluginNode(int maxLoadedVersions = 512)
    {
        Options = new EngineOptions { DataDir = _dir.Path, MaxLoadedVersions = maxLoadedVersions };
        Unloaded = new UnloadedContexts(NullLogger<UnloadedContexts>.Instance);
        Versions = new LoadedVersions(Options, (tenant, version) => Engine!.Catalog.FindDeployment(tenant, version), Unloaded);
        Resolver = new PluginWorkflowResolver(() => Registry!, Versions);
        Engine = new WorkflowEngine(Options, Resolver, Time, NullLoggerFactory.Instance);
        Engine.Start();
        Registry = new TenantRegistry(Engine);
        Registry.Load();
        Deployments = new DeploymentService(Engine, Registry, Versions, new UploadValidator(), NullLogger<DeploymentService>.Instance);
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    public EngineOptions Options { get; }

    public UnloadedContexts Unloaded { get; }

    public LoadedVersions Versions { get; }

    public PluginWorkflowResolver Resolver { get; }

    public WorkflowEngine Engine { get; }

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
        return await Engine.WaitForStatusAsync(tenant, id, s => s == status, deadline.Token);
    }

    public void Dispose()
    {
        Engine.Dispose();
        Versions.Dispose();
        _dir.Dispose();
    }
}
