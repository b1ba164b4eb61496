using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// Workflow code that cannot be loaded the first <paramref name="failures"/> times an instance asks for it (as a
/// version folder the host cannot read would), then loads.
/// </summary>
internal sealed class FailingResolver(IWorkflowResolver inner, int failures) : IWorkflowResolver
{
    private int _failuresLeft = failures;

    public int FailuresLeft => Math.Max(0, Volatile.Read(ref _failuresLeft));

    /// <summary>Fails the next <paramref name="count"/> loads.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    public WorkflowRegistration? ResolveActive(string tenant, string workflow) => inner.ResolveActive(tenant, workflow);

    public IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant) => inner.ActiveWorkflows(tenant);

    public WorkflowRegistration? Resolve(string tenant, int version, string workflow) =>
        Interlocked.Decrement(ref _failuresLeft) >= 0
            ? throw new IOException($"Version {version} of tenant '{tenant}' could not be read.")
            : inner.Resolve(tenant, version, workflow);
}
