using System.Collections.Concurrent;
using Skein.TenantSdk;

namespace Skein.Bench.Engine;

/// <summary>Notes how long after its schedule's tick its code first ran (ms), then ends.</summary>
[Workflow("tick")]
internal sealed class ScheduleTickWorkflow : Workflow<object?, int>
{
    public static ConcurrentQueue<double> Lags { get; } = new();

    public override Task<int> RunAsync(WorkflowEvent<object?> e, WorkflowStep step, CancellationToken ct)
    {
        if (e.Schedule is { } tick)
        {
            Lags.Enqueue((DateTimeOffset.UtcNow - tick).TotalMilliseconds);
        }

        return Task.FromResult(0);
    }
}
