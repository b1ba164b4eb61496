namespace Skein.TenantSdk;

/// <summary>
/// A durable workflow: <see cref="RunAsync"/> is replayed from the start whenever the instance resumes, and every
/// call on <see cref="WorkflowStep"/> returns its logged result instead of running again.
/// </summary>
/// <typeparam name="TParams">The instance parameters, deserialized from JSON.</typeparam>
/// <typeparam name="TResult">The instance output, serialized to JSON when the workflow returns.</typeparam>
/// <remarks>
/// Code outside steps may run more than once and must be deterministic: branch only on the payload and on step
/// results, never on the clock, random numbers or I/O (put those inside a step). Do not use
/// <c>ConfigureAwait(false)</c> in workflow code; the engine orders the workflow's continuations itself.
/// </remarks>
public abstract class Workflow<TParams, TResult> : IWorkflowEntryPoint
{
    /// <summary>Runs the workflow. Replayed on every resume; see the class remarks.</summary>
    /// <param name="e">The instance's parameters and identity.</param>
    /// <param name="step">Durable steps, sleeps and event waits.</param>
    /// <param name="ct">Cancelled when the instance is terminated or the host shuts down.</param>
    public abstract Task<TResult> RunAsync(WorkflowEvent<TParams> e, WorkflowStep step, CancellationToken ct);

    Type IWorkflowEntryPoint.ParamsType => typeof(TParams);

    Type IWorkflowEntryPoint.ResultType => typeof(TResult);

    async Task<object?> IWorkflowEntryPoint.RunAsync(object? payload, string instanceId, string workflowName,
        DateTimeOffset createdAt, HttpTriggerRequest? request, DateTimeOffset? schedule, WorkflowStep step, CancellationToken ct)
    {
        var e = new WorkflowEvent<TParams>((TParams)payload!, instanceId, workflowName, createdAt) { Request = request, Schedule = schedule };
        return await RunAsync(e, step, ct);
    }
}
