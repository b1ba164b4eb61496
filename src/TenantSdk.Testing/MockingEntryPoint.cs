using System.Text.Json;

namespace Skein.TenantSdk.Testing;

/// <summary>A workflow object whose runs see a <see cref="MockingStep"/> instead of the engine's step.</summary>
internal sealed class MockingEntryPoint(IWorkflowEntryPoint workflow, StepMocks mocks, JsonSerializerOptions json) : IWorkflowEntryPoint
{
    public Type ParamsType => workflow.ParamsType;

    public Type ResultType => workflow.ResultType;

    public Task<object?> RunAsync(object? payload, string instanceId, string workflowName, DateTimeOffset createdAt,
        HttpTriggerRequest? request, DateTimeOffset? schedule, WorkflowStep step, CancellationToken ct) =>
        workflow.RunAsync(payload, instanceId, workflowName, createdAt, request, schedule, new MockingStep(step, mocks, json), ct);
}
