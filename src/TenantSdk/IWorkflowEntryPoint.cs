namespace Skein.TenantSdk;

/// <summary>The engine's untyped way into a <see cref="Workflow{TParams, TResult}"/>.</summary>
internal interface IWorkflowEntryPoint
{
    Type ParamsType { get; }

    Type ResultType { get; }

    Task<object?> RunAsync(object? payload, string instanceId, string workflowName, DateTimeOffset createdAt,
        HttpTriggerRequest? request, DateTimeOffset? schedule, WorkflowStep step, CancellationToken ct);
}
