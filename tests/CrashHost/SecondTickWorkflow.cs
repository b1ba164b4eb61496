using Skein.TenantSdk;

namespace Skein.CrashHost;

/// <summary>The schedule crash test's workflow: one step, returning the tick that started it.</summary>
[Workflow("tick")]
internal sealed class SecondTickWorkflow : Workflow<object?, string>
{
    public override async Task<string> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct) =>
        await step.Do("note", _ => Task.FromResult(e.Schedule?.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"));
}
