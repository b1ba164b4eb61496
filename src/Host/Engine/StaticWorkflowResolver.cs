using System.Text.Json;

namespace Skein.Host.Engine;

/// <summary>Serves workflow types the host references directly, as version 1 of every tenant.</summary>
internal sealed class StaticWorkflowResolver : IWorkflowResolver
{
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);

    public StaticWorkflowResolver(IEnumerable<Type> types)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var type in types)
        {
            var registration = new WorkflowRegistration(type, 1, json);
            if (!_workflows.TryAdd(registration.Name, registration))
            {
                throw new ArgumentException($"Two workflows are named \"{registration.Name}\".", nameof(types));
            }
        }
    }

    public WorkflowRegistration? ResolveActive(string tenant, string workflow) => _workflows.GetValueOrDefault(workflow);

    public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) => [.. _workflows.Values];

    public WorkflowRegistration? Resolve(string tenant, int version, string workflow) =>
        version == 1 ? _workflows.GetValueOrDefault(workflow) : null;
}
