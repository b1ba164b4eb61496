namespace Skein.TenantSdk;

/// <summary>
/// Marks a <see cref="Workflow{TParams, TResult}"/> subclass as a workflow and gives it the name used in URLs.
/// </summary>
/// <example><code>[Workflow("order")] public sealed class OrderWorkflow : Workflow&lt;OrderParams, OrderResult&gt; { … }</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class WorkflowAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="name">The workflow's name: unique within a deployment, 1–64 characters of <c>[a-zA-Z0-9_-]</c>.</param>
    public WorkflowAttribute(string name) => Name = name;

    /// <summary>The workflow's name as it appears in URLs and instance descriptions.</summary>
    public string Name { get; }

    /// <summary>
    /// How many instances of this workflow may run at once on a node; more are <c>queued</c>, not rejected.
    /// 0 (the default) leaves only the tenant's limit.
    /// </summary>
    public int MaxConcurrency { get; set; }
}
