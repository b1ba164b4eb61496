using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Stays unfinished until it gets a "go" event.</summary>
[Workflow("waiter")]
public sealed class ScheduledWaiter : Workflow<object?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
    {
        await step.WaitForEvent<object?>("go", new WaitForEventOptions { Type = "go", Timeout = TimeSpan.FromDays(30) });
        return "done";
    }
}
