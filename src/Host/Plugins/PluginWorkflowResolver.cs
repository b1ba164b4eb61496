using Skein.Host.Engine;
using Skein.Host.Tenants;

namespace Skein.Host.Plugins;

/// <summary>Resolves workflows from the tenants' uploaded, loaded deployment versions.</summary>
internal sealed class PluginWorkflowResolver(TenantDirectory tenants, LoadedVersions versions) : IWorkflowResolver
{
    public WorkflowRegistration? ResolveActive(string tenant, string workflow) =>
        tenants.Find(tenant)?.ActiveVersion is { } version ? Resolve(tenant, version, workflow) : null;

    public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) =>
        tenants.Find(tenant)?.ActiveVersion is { } version ? versions.WorkflowsOf(tenant, version) : [];

    public int? ActiveVersion(string tenant) => tenants.Find(tenant)?.ActiveVersion;

    public WorkflowRegistration? Resolve(string tenant, int version, string workflow) =>
        versions.Resolve(tenant, version, workflow);

    public void ForgetTenant(string tenant) => versions.UnloadTenant(tenant);
}
