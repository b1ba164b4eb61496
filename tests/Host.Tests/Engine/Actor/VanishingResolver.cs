using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// Finds workflow code as the usual resolver does until a workflow <see cref="Vanish"/>es: then its instances find no
/// code for their version (as after a version's folder was removed), while new instances of other workflows run.
/// </summary>
internal sealed class VanishingResolver(IWorkflowResolver inner) : IWorkflowResolver
{
    private volatile string? _vanished;

    public void Vanish(string workflow) => _vanished = workflow;

    public WorkflowRegistration? ResolveActive(string tenant, string workflow) => inner.ResolveActive(tenant, workflow);

    public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) => inner.ActiveWorkflows(tenant);

    public WorkflowRegistration? Resolve(string tenant, int version, string workflow) =>
        workflow == _vanished ? null : inner.Resolve(tenant, version, workflow);
}
