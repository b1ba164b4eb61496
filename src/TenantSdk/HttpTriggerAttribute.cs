namespace Skein.TenantSdk;

/// <summary>
/// Starts the workflow from an HTTP request to <c>/v1/tenants/{tenant}/run/{route}</c>: the JSON body becomes the
/// params, and the route values, query and selected headers are on <see cref="WorkflowEvent{T}.Request"/>.
/// </summary>
/// <example><code>[Workflow("order"), HttpTrigger("POST", "orders/{id}")] public sealed class OrderWorkflow : …</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class HttpTriggerAttribute : Attribute
{
    /// <summary>Creates the trigger.</summary>
    /// <param name="method">The HTTP method, e.g. <c>POST</c>.</param>
    /// <param name="route">An ASP.NET Core route template relative to <c>run/</c>, e.g. <c>orders/{id}</c>.</param>
    public HttpTriggerAttribute(string method, string route)
    {
        Method = method;
        Route = route;
    }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The route template, relative to <c>/v1/tenants/{tenant}/run/</c>.</summary>
    public string Route { get; }

    /// <summary>Request headers to pass on to the workflow (names, case-insensitive); none by default.</summary>
    public string[] Headers { get; set; } = [];
}
