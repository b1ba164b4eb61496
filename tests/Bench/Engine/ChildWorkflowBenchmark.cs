using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.child_start_complete_ms</c>: a parent starts a trivial child workflow (one step) and awaits it, one child
/// after another; the time from calling <c>RunWorkflow</c> to its result, measured inside the parent.
/// </summary>
internal static class ChildWorkflowBenchmark
{
    private const int Warmup = 5;
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int children, string dataRoot)
    {
        const string tenant = "parents";
        List<double> samples;
        using (var engine = BenchEngine.Start(dataRoot, [typeof(BenchParentWorkflow), typeof(BenchKidWorkflow)], null, tenant))
        {
            using var deadline = new CancellationTokenSource(Deadline);
            BenchParentWorkflow.Samples.Clear();
            var created = await engine.Engine.CreateAsync(tenant, "bench-parent", null, (children + Warmup).ToString(System.Globalization.CultureInfo.InvariantCulture));
            var status = await engine.Engine.WaitForStatusAsync(tenant, created.Id, InstanceStatus.IsFinished, deadline.Token);
            if (status != InstanceStatus.Complete)
            {
                throw new InvalidOperationException($"The benchmark's parent ended {status?.Name}.");
            }

            samples = [.. BenchParentWorkflow.Samples.Skip(Warmup).Order()];
        }

        Figure("engine.child_start_complete_ms.p50", Percentiles.Of(samples, 0.5), "ms", 2);
        Figure("engine.child_start_complete_ms.p99", Percentiles.Of(samples, 0.99), "ms", 2);
        Note($"One parent instance started {children} trivial child workflows (one step each) one after another, after {Warmup} not counted; " +
             "measured inside the parent from calling step.RunWorkflow to its result: the start commit (parent step + child row), " +
             "the child's run (queued, running, its step, its end committed with the parent's step), the parent's wake. " +
             "Engine in process, SQLite WAL + synchronous=FULL.");
    }
}
