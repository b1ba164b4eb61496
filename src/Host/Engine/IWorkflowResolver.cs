namespace Skein.Host.Engine;

/// <summary>Finds the workflow code of a tenant: the engine knows nothing of where it comes from.</summary>
internal interface IWorkflowResolver
{
    /// <summary>The workflow in the tenant's active version, for new instances; null when there is none.</summary>
    WorkflowRegistration? ResolveActive(string tenant, string workflow);

    /// <summary>Every workflow of the tenant's active version (for listings and HTTP triggers).</summary>
    IReadOnlyList<WorkflowRegistration> ActiveWorkflows(string tenant);

    /// <summary>The workflow in the given version, for instances pinned to it; null when there is none.</summary>
    WorkflowRegistration? Resolve(string tenant, int version, string workflow);

    /// <summary>The tenant's active deployment version; null when it has none (schedules follow it).</summary>
    int? ActiveVersion(string tenant) => ActiveWorkflows(tenant).FirstOrDefault()?.Version;

    /// <summary>Drops whatever is loaded for a tenant being deleted, so that a tenant created later under the same id never runs its code.</summary>
    void ForgetTenant(string tenant)
    {
    }
}
