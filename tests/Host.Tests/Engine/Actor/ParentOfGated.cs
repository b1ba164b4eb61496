using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>Runs a <c>gated</c> child (step <c>child</c>, so the child's id is <c>{id}-child-1</c>) and returns its output.</summary>
[Workflow("parent-of-gated")]
internal sealed class ParentOfGated : Workflow<Empty?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<Empty?> e, WorkflowStep step, CancellationToken ct) =>
        step.RunWorkflow<Empty?, string>("child", "gated", null);
}
