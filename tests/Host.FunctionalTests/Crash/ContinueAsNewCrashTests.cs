using System.Globalization;
using System.Text.Json;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests.Crash;

/// <summary>
/// Kills a real host process (tests/CrashHost in its continue mode) with SIGKILL at random moments while instances
/// continue as new run after run, and checks after every kill that the log holds each instance in exactly one run —
/// the old one or the new one, never a mix of both and never neither — and at the end that every run's result was
/// carried exactly once.
/// </summary>
public sealed class ContinueAsNewCrashTests(ITestOutputHelper output)
{
    private const int Instances = 4;
    // Long enough that eight kills, each after a few side effects plus whatever runs before the kill lands, all fall
    // before the loop ends even on a fast, quiet machine (60 ran out after three kills there).
    private const int Runs = 400;
    private const int Kills = 8;
    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FinishDeadline = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_kill_around_a_continue_leaves_each_instance_in_one_run_and_every_run_is_carried_once()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        var sideEffects = Path.Combine(dir.Path, "side-effects.txt");
        var seed = Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        var problems = new List<string>();

        var killedMidLoop = 0;
        for (var run = 1; run <= Kills; run++)
        {
            using (var host = CrashHostProcess.StartContinueHost(run, dataDir, sideEffects, Instances, Runs))
            {
                await host.WaitForLineAsync("READY", StartDeadline);
                // The kill comes after a random number of new step side effects, so it lands mid-loop, near a continue.
                var target = SideEffectLines(sideEffects) + random.Next(1, 16);
                await Eventually.Until(() => host.HasExited || SideEffectLines(sideEffects) >= target, $"{target} side-effect lines");
                if (host.HasExited)
                {
                    break;
                }

                await host.KillAsync(StartDeadline);
            }

            var states = CheckOneRunEach(dataDir, problems, $"after kill {run}");
            killedMidLoop += states.Count(s => s.Run > 1 && s.Run < Runs) > 0 ? 1 : 0;
        }

        using (var host = CrashHostProcess.StartContinueHost(Kills + 1, dataDir, sideEffects, Instances, Runs))
        {
            await host.WaitForLineAsync("ALL COMPLETE", FinishDeadline);
            Assert.Equal(0, await host.WaitForExitAsync(StartDeadline));
        }

        var final = CheckOneRunEach(dataDir, problems, "at the end");
        const long expected = Runs * (Runs + 1) / 2;
        problems.AddRange(final.Where(s => s.Status != "complete" || s.Run != Runs || s.Output != expected.ToString(CultureInfo.InvariantCulture))
            .Select(s => $"{s.Id} ended {s.Status} in run {s.Run} with output {s.Output ?? "null"} (expected complete in run {Runs} with {expected})"));
        output.WriteLine($"{killedMidLoop} of the kills landed while an instance was between its first and last run");
        Assert.True(killedMidLoop >= Kills / 2, $"Only {killedMidLoop} of {Kills} kills landed mid-loop: the test no longer kills around continues.");
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems.Take(50))}");
    }

    private static int SideEffectLines(string path)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(file);
        return reader.ReadToEnd().Count(c => c == '\n');
    }

    /// <summary>
    /// Each instance's params, step and run summaries all belong to the run its row says it is in: the step's result
    /// is that run's number, the params name it, and the summaries are exactly the runs before it (the newest kept).
    /// </summary>
    private static List<(string Id, string Status, int Run, string? Output)> CheckOneRunEach(string dataDir, List<string> problems, string when)
    {
        using var log = new LogFile(Path.Combine(dataDir, "tenants", "t1", "log.db"));
        problems.AddRange(log.IntegrityCheck() is "ok" ? [] : [$"{when}: integrity check failed"]);
        var instances = log.Query("SELECT id, status, run, params, output FROM instances ORDER BY id",
            r => (Id: r.GetString(0), Status: r.GetString(1), Run: r.GetInt32(2), Params: r.GetString(3), Output: r.IsDBNull(4) ? null : r.GetString(4)));
        foreach (var i in instances)
        {
            var paramsRun = JsonDocument.Parse(i.Params).RootElement.GetProperty("run").GetInt32();
            if (paramsRun != i.Run)
            {
                problems.Add($"{when}: {i.Id} is in run {i.Run} with the params of run {paramsRun}");
            }

            var stepRuns = log.Query($"SELECT output FROM steps WHERE instance_id = '{i.Id}' AND output IS NOT NULL", r => r.GetString(0));
            problems.AddRange(stepRuns.Where(o => o != i.Run.ToString(CultureInfo.InvariantCulture))
                .Select(o => $"{when}: {i.Id} is in run {i.Run} but holds a step of run {o}"));
            var summaries = log.Query($"SELECT run FROM runs WHERE instance_id = '{i.Id}' ORDER BY run", r => r.GetInt32(0));
            // The summaries are the runs before this one, the newest ones the log keeps.
            var kept = Math.Min(i.Run - 1, Skein.Host.Storage.TenantLog.KeptRunSummaries);
            if (!summaries.SequenceEqual(Enumerable.Range(i.Run - kept, kept)))
            {
                problems.Add($"{when}: {i.Id} is in run {i.Run} with summaries of runs [{string.Join(", ", summaries)}]");
            }
        }

        return instances.Select(i => (i.Id, i.Status, i.Run, i.Output)).ToList();
    }
}
