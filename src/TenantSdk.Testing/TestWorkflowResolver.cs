using System.Text.Json;
using Skein.Host.Engine;

namespace Skein.TenantSdk.Testing;

/// <summary>The workflows under test, as version 1 of the test tenant, each run with the test's step mocks.</summary>
internal sealed class TestWorkflowResolver : IWorkflowResolver
{
    private readonly Dictionary<string, WorkflowRegistration> _workflows = new(StringComparer.Ordinal);

    public TestWorkflowResolver(IEnumerable<Type> types, StepMocks mocks)
    {
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        foreach (var type in types)
        {
            var registration = new WorkflowRegistration(type, 1, json)
            {
                Decorate = entry => new MockingEntryPoint(entry, mocks, json),
            };
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
