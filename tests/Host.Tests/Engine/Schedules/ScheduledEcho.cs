using Skein.TenantSdk;

namespace Skein.Host.Tests.Engine.Schedules;

/// <summary>Returns the tick that started it (null when no schedule did).</summary>
[Workflow("echo")]
public sealed class ScheduledEcho : Workflow<object?, string?>
{
    public override Task<string?> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct) =>
        Task.FromResult(e.Schedule?.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
}
