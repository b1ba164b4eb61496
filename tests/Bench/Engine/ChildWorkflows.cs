using System.Collections.Concurrent;
using System.Diagnostics;
using Skein.TenantSdk;

namespace Skein.Bench.Engine;

/// <summary>Starts its params' number of trivial children one after another, timing each start-and-await.</summary>
[Workflow("bench-parent")]
internal sealed class BenchParentWorkflow : Workflow<int, int>
{
    /// <summary>Milliseconds from calling RunWorkflow to its result, per child (the benchmark runs one parent at a time).</summary>
    public static ConcurrentQueue<double> Samples { get; } = new();

    public override async Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct)
    {
        var sum = 0;
        for (var i = 0; i < e.Payload; i++)
        {
            var started = Stopwatch.GetTimestamp();
            sum += await step.RunWorkflow<int, int>("kid", "bench-kid", i);
            Samples.Enqueue(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return sum;
    }
}

/// <summary>One trivial step.</summary>
[Workflow("bench-kid")]
internal sealed class BenchKidWorkflow : Workflow<int, int>
{
    public override Task<int> RunAsync(WorkflowEvent<int> e, WorkflowStep step, CancellationToken ct) =>
        step.Do("one", _ => Task.FromResult(e.Payload));
}
