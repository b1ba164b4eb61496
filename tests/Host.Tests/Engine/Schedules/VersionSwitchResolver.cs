using System.Text.Json;
using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Two deployment versions of one tenant, one of them active, as the plugins' resolver serves them.</summary>
internal sealed class VersionSwitchResolver(params Type[][] versions) : IWorkflowResolver
{
    private readonly IReadOnlyList<IReadOnlyList<WorkflowRegistration>> _versions =
        [.. versions.Select((types, i) => types.Select(t => new WorkflowRegistration(t, i + 1, new JsonSerializerOptions(JsonSerializerDefaults.Web))).ToList())];

    public int Active { get; set; } = 1;

    public WorkflowRegistration? ResolveActive(string tenant, string workflow) => Resolve(tenant, Active, workflow);

    public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) => _versions[Active - 1];

    public int? ActiveVersion(string tenant) => Active;

    public WorkflowRegistration? Resolve(string tenant, int version, string workflow) =>
        version >= 1 && version <= _versions.Count ? _versions[version - 1].FirstOrDefault(w => w.Name == workflow) : null;
}
