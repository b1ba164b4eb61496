using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Recovery;

/// <summary>
/// The <c>recovery</c> benchmark: how long a node killed with SIGKILL while holding many unfinished instances takes
/// to be ready again and to have every instance that became due running (measured as finished) again.
/// </summary>
internal static class RecoveryBenchmark
{
    public static async Task RunAsync(RecoveryBenchOptions options)
    {
        var dll = RecoveryDll.Build();
        var runs = new List<RecoveryResult>();
        for (var i = 1; i <= options.Repeat; i++)
        {
            var run = await RecoveryRun.RunAsync(options, dll);
            runs.Add(run);
            Progress($"run {i}/{options.Repeat}: {run.Summary()}");
        }

        var due = options.Running + options.DueSleeping;
        var name = $"{options.Total}_instances";
        Note($"Skein host process (Release build, default settings except the create rate limit), {Environment.ProcessorCount} cores; " +
             $"one tenant with {options.Total} unfinished instances when the process is killed with SIGKILL: {options.Running} running a step, " +
             $"{options.Waiting} waiting for an event, {options.Sleeping} sleeping for an hour, {options.DueSleeping} sleeping until a moment that passes while the host is down.");
        Figure($"engine.recovery_s.{name}", Percentiles.Median(runs.Select(r => r.DueFinishedSeconds)), "s", 2);
        Note($"From the restarted process's start to all {due} due instances (the {options.Running} cut off in a step and the {options.DueSleeping} woken sleepers) " +
             $"complete, polled every 20 ms through /metrics; a due instance counts once it finished, a little after it ran again. Runs {string.Join(", ", runs.Select(r => Format(r.DueFinishedSeconds, 2)))}");
        Figure($"engine.recovery_ready_s.{name}", Percentiles.Median(runs.Select(r => r.ReadySeconds)), "s", 2);
        Note($"From the restarted process's start to /readyz answering 200, polled every 10 ms; runs {string.Join(", ", runs.Select(r => Format(r.ReadySeconds, 2)))}");
    }
}
