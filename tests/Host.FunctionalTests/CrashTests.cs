using System.Diagnostics;
using System.Globalization;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// Kills a real host process (tests/CrashHost) with SIGKILL at random moments while it runs many instances, starts
/// it again each time, and then checks what the tenant log and the side-effect file say.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Instances = 80;
    private const int MaxConcurrentInstances = 8;
    private const int Kills = 20;
    private const string ExpectedOutput = "36";

    /// <summary>The widest <c>Task.WhenAll</c> of the crash workflow: steps one instance runs at once.</summary>
    private const int ParallelWidth = 2;

    /// <summary>Steps that can be in flight at a kill: every running instance with its widest fan-out.</summary>
    private const int MaxStepsInFlight = MaxConcurrentInstances * ParallelWidth;

    private static readonly TimeSpan StartDeadline = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FinishDeadline = TimeSpan.FromMinutes(2);

    /// <summary>The steps of tests/CrashHost/CrashWorkflow.cs, as name#count.</summary>
    private static readonly string[] Steps =
        ["reserve#1", "charge#1", "notify-a#1", "notify-b#1", "ship#1", "ship#2", "ship#3", "close#1"];

    /// <summary>The log rows every complete instance holds: its steps and its sleep, as kind name#count.</summary>
    private static readonly string[] Rows = [.. Steps.Select(s => "step " + s), "sleep cool-off#1"];

    private static readonly string[] InstanceIds =
        [.. Enumerable.Range(0, Instances).Select(i => string.Create(CultureInfo.InvariantCulture, $"c-{i:D4}"))];

    [Fact]
    public async Task Host_killed_at_random_moments_completes_every_instance_with_each_step_recorded_once()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        var sideEffects = Path.Combine(dir.Path, "side-effects.txt");
        var seed = Environment.GetEnvironmentVariable("SKEIN_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"crash host {CrashHostProcess.HostPath}; seed {seed} (set SKEIN_CRASH_SEED to repeat the kill moments)");

        var clock = Stopwatch.StartNew();
        for (var run = 1; run <= Kills; run++)
        {
            using var host = CrashHostProcess.Start(run, dataDir, sideEffects, Instances, MaxConcurrentInstances);
            await host.WaitForLineAsync("READY", StartDeadline);
            // The one deliberate delay: a random kill moment, not a wait for a condition.
            await Task.Delay(random.Next(50, 401));
            Assert.False(host.HasExited,
                $"Run {run} ended by itself before it was killed, so the kills no longer hit work in progress:\n{host.Output}");
            await host.KillAsync(StartDeadline);
            ReportUnexpectedOutput(host);
        }

        var killPhase = clock.Elapsed;
        using (var host = CrashHostProcess.Start(Kills + 1, dataDir, sideEffects, Instances, MaxConcurrentInstances))
        {
            try
            {
                await host.WaitForLineAsync("ALL COMPLETE", FinishDeadline);
            }
            catch (TimeoutException timeout)
            {
                throw new TimeoutException($"{timeout.Message}\nUnfinished instances in the log:\n{DescribeUnfinished(dataDir)}", timeout);
            }

            Assert.Equal(0, await host.WaitForExitAsync(StartDeadline));
            ReportUnexpectedOutput(host);
        }

        output.WriteLine($"{Kills} kills in {killPhase.TotalSeconds:F1} s, then the last run finished in {(clock.Elapsed - killPhase).TotalSeconds:F1} s");

        var problems = new List<string>();
        CheckLog(dataDir, problems);
        CheckSideEffects(sideEffects, problems);
        Assert.True(problems.Count == 0, $"{problems.Count} problems:\n{string.Join('\n', problems.Take(50))}");
    }

    /// <summary>Each instance that is not complete, with its log rows in order: what a hung run was stuck on.</summary>
    private static string DescribeUnfinished(string dataDir)
    {
        using var log = new LogFile(Path.Combine(dataDir, "tenants", "t1", "log.db"));
        var unfinished = log.Query("""
            SELECT i.id, i.status, i.updated_at,
                   (SELECT group_concat(row, ', ') FROM (
                        SELECT s.kind || ' ' || s.name || '#' || s.count || ' ' || s.status || ' ended_at=' || COALESCE(s.ended_at, '-') AS row
                        FROM steps s WHERE s.instance_id = i.id ORDER BY s.position))
            FROM instances i WHERE i.status != 'complete' ORDER BY i.seq
            """,
            r => $"{r.GetString(0)} {r.GetString(1)} updated_at={r.GetInt64(2)}: [{(r.IsDBNull(3) ? "" : r.GetString(3))}]");
        return string.Join('\n', unfinished);
    }

    /// <summary>Engine errors and warnings the host logged (to stderr) do not fail the test by themselves, but are shown.</summary>
    private void ReportUnexpectedOutput(CrashHostProcess host)
    {
        var unexpected = host.Output.Split('\n').Where(line => line is not ("READY" or "ALL COMPLETE" or "")).ToList();
        if (unexpected.Count > 0)
        {
            output.WriteLine($"run {host.Run} said:\n{string.Join('\n', unexpected)}");
        }
    }

    /// <summary>Every instance complete with the right output, every step exactly once with one successful attempt.</summary>
    private static void CheckLog(string dataDir, List<string> problems)
    {
        using (var catalog = new LogFile(Path.Combine(dataDir, "catalog.db")))
        {
            Assert.Equal("ok", catalog.IntegrityCheck());
        }

        using var log = new LogFile(Path.Combine(dataDir, "tenants", "t1", "log.db"));
        Assert.Equal("ok", log.IntegrityCheck());

        var instances = log.Query("SELECT id, status, output FROM instances ORDER BY id",
            r => (Id: r.GetString(0), Status: r.GetString(1), Output: r.IsDBNull(2) ? null : r.GetString(2)));
        Assert.Equal(InstanceIds, instances.Select(i => i.Id));
        problems.AddRange(instances
            .Where(i => i.Status != "complete" || i.Output != ExpectedOutput)
            .Select(i => $"instance {i.Id} is {i.Status} with output {i.Output ?? "null"}"));

        var rows = log.Query("""
            SELECT s.instance_id, s.kind || ' ' || s.name || '#' || s.count, s.status,
                   (SELECT COUNT(*) FROM attempts a WHERE a.instance_id = s.instance_id AND a.position = s.position),
                   (SELECT COUNT(*) FROM attempts a WHERE a.instance_id = s.instance_id AND a.position = s.position AND a.success = 1)
            FROM steps s ORDER BY s.instance_id, s.position
            """,
            r => (Instance: r.GetString(0), Row: r.GetString(1), Status: r.GetString(2), Attempts: r.GetInt64(3), Successes: r.GetInt64(4)));
        var byInstance = rows.ToLookup(r => r.Instance);
        foreach (var id in InstanceIds)
        {
            var recorded = byInstance[id].Select(r => r.Row).Order(StringComparer.Ordinal).ToList();
            var expected = Rows.Order(StringComparer.Ordinal).ToList();
            if (!recorded.SequenceEqual(expected))
            {
                problems.Add($"instance {id} logged [{string.Join(", ", recorded)}] instead of [{string.Join(", ", expected)}]");
            }
        }

        // No step of this workflow fails by itself: a step either succeeded at its first attempt, which the log
        // records in the step row alone (no attempt row), or had attempts cut off by kills, each charged as a
        // failed HostStopped attempt, and then exactly one successful attempt, its last.
        problems.AddRange(rows
            .Where(r => r.Status != "complete" || (r.Attempts != 0 && r.Successes != 1))
            .Select(r => $"{r.Instance} {r.Row} is {r.Status} with {r.Attempts} attempts ({r.Successes} successful)"));
        var attempts = log.Query("SELECT instance_id, position, attempt, success, COALESCE(error_name, '') FROM attempts ORDER BY instance_id, position, attempt",
            r => (Instance: r.GetString(0), Position: r.GetInt64(1), Attempt: r.GetInt64(2), Success: r.GetInt64(3) == 1, Error: r.GetString(4)));
        problems.AddRange(attempts
            .Where(a => !a.Success && a.Error != "HostStopped")
            .Select(a => $"{a.Instance} step at {a.Position} attempt {a.Attempt} failed with {a.Error}, not HostStopped"));
        foreach (var step in attempts.GroupBy(a => (a.Instance, a.Position)))
        {
            var numbers = step.Select(a => a.Attempt).ToList();
            if (!numbers.SequenceEqual(Enumerable.Range(1, numbers.Count).Select(n => (long)n)) || !step.Last().Success)
            {
                problems.Add($"{step.Key.Instance} step at {step.Key.Position} logged attempts [{string.Join(", ", step.Select(a => $"{a.Attempt}:{(a.Success ? "ok" : a.Error)}"))}]");
            }
        }

        var strayAttempts = log.Query("""
            SELECT COUNT(*) FROM attempts a
            WHERE NOT EXISTS (SELECT 1 FROM steps s WHERE s.instance_id = a.instance_id AND s.position = a.position)
            """, r => r.GetInt64(0)).Single();
        if (strayAttempts > 0)
        {
            problems.Add($"{strayAttempts} attempts belong to no step");
        }
    }

    /// <summary>
    /// Every step's side effect happened at least once. More than once only for a step in flight at a kill: never
    /// twice in one run, and no more repeats per kill than steps can be in flight at once.
    /// </summary>
    private void CheckSideEffects(string sideEffects, List<string> problems)
    {
        var lines = File.ReadAllLines(sideEffects);
        var parsed = lines.Select(line => (Text: line, Line: SideEffectLine.Parse(line))).ToList();
        problems.AddRange(parsed.Where(p => p.Line is null).Select(p => $"malformed side-effect line \"{p.Text}\""));
        var byStep = parsed.Where(p => p.Line is not null).Select(p => p.Line!)
            .GroupBy(l => l.StepKey).ToDictionary(g => g.Key, g => g.ToList());

        var expected = InstanceIds.SelectMany(id => Steps.Select(step => $"{id} {step}")).ToHashSet();
        problems.AddRange(expected.Where(key => !byStep.ContainsKey(key)).Select(key => $"the side effect of {key} never happened"));
        problems.AddRange(byStep.Keys.Where(key => !expected.Contains(key)).Select(key => $"side effect of an unknown step {key}"));

        foreach (var (key, effects) in byStep)
        {
            problems.AddRange(effects.Where(e => e.Run is < 1 or > Kills + 1).Select(e => $"{key} ran in unknown run {e.Run}"));
            problems.AddRange(effects.GroupBy(e => e.Run).Where(g => g.Count() > 1)
                .Select(g => $"{key} ran {g.Count()} times in run {g.Key}, with no kill in between"));
            // A run cut off by a kill is charged to the step, so the next run is the next attempt, never attempt 1 again.
            problems.AddRange(effects.GroupBy(e => e.Attempt).Where(g => g.Count() > 1)
                .Select(g => $"{key} ran as attempt {g.Key} in runs {string.Join(", ", g.Select(e => e.Run))}"));
        }

        var repeated = byStep.Where(s => s.Value.Count > 1).ToList();
        var rerunsAfterKill = Enumerable.Range(1, Kills)
            .Select(run => repeated.Count(s => s.Value.Any(e => e.Run == run) && s.Value.Any(e => e.Run > run)))
            .ToList();
        problems.AddRange(rerunsAfterKill.Select((count, index) => (Run: index + 1, Count: count))
            .Where(k => k.Count > MaxStepsInFlight)
            .Select(k => $"{k.Count} steps of run {k.Run} ran again after its kill; at most {MaxStepsInFlight} can be in flight"));
        if (repeated.Count > Kills * MaxStepsInFlight)
        {
            problems.Add($"{repeated.Count} steps ran more than once; {Kills} kills of at most {MaxStepsInFlight} steps in flight allow {Kills * MaxStepsInFlight}");
        }

        output.WriteLine($"{lines.Length} side effects for {expected.Count} steps; {repeated.Count} steps ran more than once; " +
            $"re-run after each kill: {string.Join(" ", rerunsAfterKill)}");
    }
}
