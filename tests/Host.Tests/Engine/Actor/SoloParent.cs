using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>Runs a <c>solo</c> child and returns its output.</summary>
[Workflow("solo-parent")]
internal sealed class SoloParent : Workflow<Empty?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct) =>
        await step.RunWorkflow<Empty?, string>("child", "solo", null);
}
