using Skein.Bench.Http;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;
using Skein.Host.Tenants;

namespace Skein.Bench.Plugins;

/// <summary>A running host's plugin services, called directly (no HTTP) to set tenants up and run instances.</summary>
internal sealed class PluginHost(BenchHost host)
{
    private static readonly TimeSpan RunDeadline = TimeSpan.FromSeconds(30);

    public WorkflowEngine Engine { get; } = host.Service<WorkflowEngine>();

    public TenantRegistry Registry { get; } = host.Service<TenantRegistry>();

    public DeploymentService Deployments { get; } = host.Service<DeploymentService>();

    public LoadedVersions Versions { get; } = host.Service<LoadedVersions>();

    /// <summary>Creates the tenant and deploys its first version; returns the version.</summary>
    public Task<int> AddTenantAsync(string tenant, byte[] dll)
    {
        Registry.Create(tenant, null);
        return DeployAsync(tenant, dll);
    }

    /// <summary>Uploads through <see cref="DeploymentService"/>: validate, store, probe-load, activate, retire idle versions.</summary>
    public async Task<int> DeployAsync(string tenant, byte[] dll) =>
        (await Deployments.DeployAsync(tenant, dll, UploadKind.Dll, null)).Version;

    /// <summary>Runs one instance of the active version to completion, so the version is loaded and its code has run.</summary>
    public async Task RunOnceAsync(string tenant)
    {
        var created = await Engine.CreateAsync(tenant, TenantDll.Workflow, null, "1");
        using var deadline = new CancellationTokenSource(RunDeadline);
        var status = await Engine.WaitForStatusAsync(tenant, created.Id, InstanceStatus.IsFinished, deadline.Token);
        if (status != InstanceStatus.Complete)
        {
            throw new InvalidOperationException($"Instance {created.Id} of {tenant} ended {status}.");
        }
    }
}
