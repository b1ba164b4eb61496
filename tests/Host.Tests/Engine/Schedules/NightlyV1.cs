using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Version 1 of "nightly": declares a schedule at 02:00 Berlin time.</summary>
[Workflow("nightly"), Schedule("0 2 * * *", TimeZone = "Europe/Berlin")]
public sealed class NightlyV1 : Workflow<object?, string>
{
    public override Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct) => Task.FromResult("v1");
}
