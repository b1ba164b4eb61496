using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Engine;

/// <summary>
/// <c>engine.wake_ms.{N}_steps</c>: an instance that ran N steps waits for an event; the time from sending the event
/// to the workflow code running past its wait, over several wakes. Today every wake replays the instance's whole
/// history from the log (an instance that only waits is evicted from memory), so this is the replay cost.
/// </summary>
internal static class WakeBenchmark
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int steps, int wakes, string dataRoot)
    {
        using var dir = new TempDirectory(dataRoot);
        var options = new EngineOptions { DataDir = dir.Path, MaxStepsPerInstance = steps + wakes + 10 };
        var engine = new WorkflowEngine(options, new StaticWorkflowResolver([typeof(WakeWorkflow)]), TimeProvider.System,
            NullLoggerFactory.Instance);
        var samples = new List<double>();
        try
        {
            engine.Start();
            const string tenant = "agent";
            engine.AddTenant(tenant);
            using var deadline = new CancellationTokenSource(Deadline);
            var created = await engine.CreateAsync(tenant, "agent", null, $$"""{"steps":{{steps}},"wakes":{{wakes}}}""");
            await engine.WaitForStatusAsync(tenant, created.Id, s => s == InstanceStatus.Waiting, deadline.Token);
            for (var wake = 1; wake <= wakes; wake++)
            {
                var (woke, stepped) = WakeProbe.Expect(wake);
                var sent = Stopwatch.GetTimestamp();
                await engine.SendEventAsync(tenant, created.Id, "go", "{}");
                await woke.WaitAsync(deadline.Token);
                samples.Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                await stepped.WaitAsync(deadline.Token);
                // The step after the wait set the instance running; waiting again means it suspended on the next wait.
                await engine.WaitForStatusAsync(tenant, created.Id,
                    s => s == InstanceStatus.Waiting || InstanceStatus.IsFinished(s), deadline.Token);
            }
        }
        finally
        {
            engine.Dispose();
            SqliteConnection.ClearAllPools();
        }

        samples.Sort();
        var name = $"engine.wake_ms.{steps}_steps.replayed";
        Figure(name + ".p50", Percentiles.Of(samples, 0.5), "ms", 1);
        Figure(name + ".p99", Percentiles.Of(samples, 0.99), "ms", 1);
        Note($"One instance ran {steps} steps, then {wakes} times waited for an event and ran one step; from SendEventAsync to the workflow " +
             "code past its wait (engine in process, SQLite WAL + synchronous=FULL). Every wake replays the whole history from the log " +
             $"(an instance that only waits leaves memory); samples {string.Join(", ", samples.Select(s => Format(s, 1)))} ms.");
    }
}
