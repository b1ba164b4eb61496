using System.Collections.Concurrent;
using System.Text.Json;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Bench.Backup;

/// <summary>
/// Closed loops of drivers, each creating a <see cref="LoopDll"/> instance, waiting until it finished and creating
/// the next; collects the step-commit samples (Stopwatch ticks: resumed at, latency) that the instances return.
/// </summary>
internal sealed class StepLoad(WorkflowEngine engine, TenantRuntimes runtimes, string tenant)
{
    private static readonly TimeSpan InstanceDeadline = TimeSpan.FromMinutes(10);

    public ConcurrentBag<(long At, long Ticks)> Samples { get; } = [];

    /// <summary>Runs <paramref name="drivers"/> loops of <paramref name="steps"/>-step instances until <paramref name="stop"/>.</summary>
    public Task RunAsync(int drivers, int steps, int pad, CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, drivers).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                await RunOneAsync(steps, pad);
            }
        })));

    /// <summary>Runs <paramref name="instances"/> instances, <paramref name="drivers"/> at a time.</summary>
    public Task RunCountAsync(int drivers, int instances, int steps, int pad)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, drivers).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < instances)
            {
                await RunOneAsync(steps, pad);
            }
        })));
    }

    public Task<CreatedInstance> StartAsync(string? id, int steps, int pad, int sleepMs = 0) =>
        engine.CreateAsync(tenant, LoopDll.Workflow, id, $$"""{"steps":{{steps}},"pad":{{pad}},"sleepMs":{{sleepMs}}}""");

    private async Task RunOneAsync(int steps, int pad)
    {
        using var deadline = new CancellationTokenSource(InstanceDeadline);
        var created = await StartAsync(null, steps, pad);
        var status = await engine.WaitForStatusAsync(tenant, created.Id, InstanceStatus.IsFinished, deadline.Token);
        if (status != InstanceStatus.Complete)
        {
            throw new InvalidOperationException($"Instance {created.Id} ended {status}.");
        }

        var output = runtimes.Runtime(tenant).Log.FindInstance(created.Id)?.Output;
        var text = output is null ? "" : JsonSerializer.Deserialize<string>(output) ?? "";
        foreach (var sample in text.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = sample.IndexOf(':', StringComparison.Ordinal);
            Samples.Add((long.Parse(sample.AsSpan(0, colon), System.Globalization.CultureInfo.InvariantCulture),
                long.Parse(sample.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture)));
        }
    }
}
