using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Version 2 of "nightly": the same workflow without a schedule.</summary>
[Workflow("nightly")]
public sealed class NightlyV2 : Workflow<object?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct) => Task.FromResult("v2");
}
