using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>Starts a <c>crash-kid</c> child and returns its output plus one.</summary>
[Workflow("crash-parent")]
internal sealed class CrashParentWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        await step.RunWorkflow<int, int>("kid", "crash-kid", e.Payload) + 1;
}

/// <summary>Waits for a <c>go</c> event and returns its payload.</summary>
[Workflow("crash-kid")]
internal sealed class CrashKidWorkflow : Workflow<int, int>
{
    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        (await step.WaitForEvent<int>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromDays(1) })).Payload;
}
