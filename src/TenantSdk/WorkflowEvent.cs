namespace Skein.TenantSdk;

/// <summary>What a workflow instance was started with.</summary>
/// <typeparam name="T">The parameters' type.</typeparam>
/// <param name="Payload">The instance parameters.</param>
/// <param name="InstanceId">The instance id, given by the caller or generated.</param>
/// <param name="WorkflowName">The name from <see cref="WorkflowAttribute"/>.</param>
/// <param name="Timestamp">When the instance was created; the same on every replay.</param>
public sealed record WorkflowEvent<T>(T Payload, string InstanceId, string WorkflowName, DateTimeOffset Timestamp)
{
    /// <summary>The HTTP request that started the instance, when an <see cref="HttpTriggerAttribute"/> did; else null.</summary>
    public HttpTriggerRequest? Request { get; init; }

    /// <summary>The tick (UTC) of the schedule that started the instance, when a schedule did; else null.</summary>
    public DateTimeOffset? Schedule { get; init; }
}
