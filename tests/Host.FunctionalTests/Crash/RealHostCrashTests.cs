using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Skein.Host.FunctionalTests.Backup;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests.Crash;

/// <summary>
/// Kills the real host (src/Host, run as its own process) with SIGKILL at random moments while a client creates
/// instances over HTTP, steps of an uploaded tenant DLL run, and a second version is uploaded midway. After each kill
/// the tenant log is copied and its committed steps read; at the end every step committed as of a kill must not have
/// run in any later run, its logged value must be the one printed by the run that committed it, only creates never
/// acknowledged were re-sent (and answered 200 if the copy before the re-send held them, else 201), every instance
/// finished on its own version with the logged values, and the last, un-killed run logged no error.
/// </summary>
public sealed class RealHostCrashTests(ITestOutputHelper output)
{
    private const string Tenant = "crashed";
    private const int Kills = 6;

    /// <summary>
    /// Each killed run creates a batch of instances while the steps of earlier batches run; the last batch is
    /// still running at the last kill, so the last run has recovering to do.
    /// </summary>
    private const int BatchSize = 4;

    /// <summary>Version 2 is uploaded at the start of this run; batches before it are pinned to version 1.</summary>
    private const int VersionTwoRun = 3;

    /// <summary>
    /// How long each step works: seven steps in six rounds take at least 900 ms, longer than the longest kill delay,
    /// so instances of a batch are still running at the next kill (and version 1's at the upload of version 2).
    /// </summary>
    private const int StepWorkMs = 150;

    private const int MaxKillDelayMs = 700;

    /// <summary>
    /// An instance created (and acknowledged) in the run before the upload of version 2 whose steps work this long:
    /// seven steps in six rounds take 12 s, far longer than that run lives, so it is certainly unfinished, on version
    /// 1, when version 2 is uploaded. The random batches alone may all finish before the upload. Named like a batch
    /// instance (batch 0) so its side-effect lines parse like theirs.
    /// </summary>
    private const string PinnedId = "j-0-01";

    private const int PinnedStepWorkMs = 2000;

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    /// <summary>The kills are the test's own; a crash-loop stop of an instance they keep cutting off is not under test.</summary>
    private static readonly Dictionary<string, string> NodeEnvironment = new() { ["Skein__MaxCrashRecoveries"] = "100" };

    [Fact]
    public async Task Killed_at_random_moments_no_committed_step_runs_again_and_each_logs_the_value_of_the_run_that_committed_it()
    {
        var seed = Environment.GetEnvironmentVariable("SKEIN_HOST_CRASH_SEED") is { } fixedSeed
            ? int.Parse(fixedSeed, CultureInfo.InvariantCulture)
            : Random.Shared.Next();
        var random = new Random(seed);
        output.WriteLine($"seed {seed} (set SKEIN_HOST_CRASH_SEED to repeat the kill moments)");

        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        var logPath = Path.Combine(dataDir, "tenants", Tenant, "log.db");
        var run = new CrashRunRecord(VersionTwoRun);
        var unacknowledged = new List<string>();
        var lastRunLines = new List<string>();
        Dictionary<string, (int Version, string Output, string Status)> finished = [];

        for (var number = 1; number <= Kills + 1; number++)
        {
            var lines = new List<string>();
            using var node = await NodeProcess.StartAsync(dataDir, NodeEnvironment, line =>
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            });
            var pid = node.Id;
            using var admin = node.Client();

            // Only creates that were never answered are sent again, with the same id, before anything else.
            foreach (var id in unacknowledged)
            {
                run.Sends.Add(new CreateSend(id, number, Resend: true, await SendCreateAsync(admin, id, wait: false)));
            }

            unacknowledged = [.. run.Sends.Where(s => s.Run == number && !s.Acknowledged).Select(s => s.Id)];
            Assert.True(unacknowledged.Count == 0, $"seed {seed}: re-sent creates were not answered 200 or 201: {string.Join("; ", run.Sends.Where(s => s.Run == number))}");

            if (number == 1)
            {
                await ApiClient.EnsureAsync(await admin.PostAsJsonAsync("/v1/tenants", new { id = Tenant }), HttpStatusCode.Created);
                await ApiClient.DeployAsync(admin, Tenant, RealHostCrashWorkflow.Build(1));
            }
            else if (number == VersionTwoRun)
            {
                Assert.Equal(2, (await ApiClient.DeployAsync(admin, Tenant, RealHostCrashWorkflow.Build(2)))["version"]!.GetValue<int>());
            }

            if (number == VersionTwoRun - 1)
            {
                var status = await SendCreateAsync(admin, PinnedId, wait: false, PinnedStepWorkMs);
                Assert.Equal(201, status);
                run.PinnedTo[PinnedId] = 1;
                run.Sends.Add(new CreateSend(PinnedId, number, Resend: false, status));
            }

            if (number <= Kills)
            {
                var batch = Enumerable.Range(1, BatchSize).Select(i => string.Create(CultureInfo.InvariantCulture, $"j-{number}-{i:D2}")).ToList();
                foreach (var id in batch)
                {
                    run.PinnedTo[id] = number < VersionTwoRun ? 1 : 2;
                }

                // Half the creates wait for the instance to end, so a kill always finds some unanswered (committed or not).
                var creates = batch.Select((id, i) => SendCreateAsync(admin, id, wait: i % 2 == 1)).ToList();
                var delay = random.Next(MaxKillDelayMs + 1);
                run.KillDelays.Add(delay);
                // The one deliberate delay: a random kill moment, not a wait for a condition.
                await Task.Delay(delay);
                await node.KillAsync();
                var statuses = await Task.WhenAll(creates);
                run.Sends.AddRange(batch.Select((id, i) => new CreateSend(id, number, Resend: false, statuses[i])));
                unacknowledged = [.. run.Sends.Where(s => s.Run == number && !s.Acknowledged).Select(s => s.Id)];
                run.Snapshots.Add(CommittedLog.Copy(logPath, Path.Combine(dir.Path, $"after-kill-{number}")));
            }
            else
            {
                finished = await WaitUntilAllEndAsync(admin, run.PinnedTo.Keys, seed);
                Assert.Equal(0, await node.StopAsync(Deadline));
                run.Snapshots.Add(CommittedLog.Copy(logPath, Path.Combine(dir.Path, "after-last-run")));
            }

            lock (lines)
            {
                run.Effects.AddRange(lines.Select(line => EffectLine.Parse(number, pid, line)).OfType<EffectLine>());
                if (number == Kills + 1)
                {
                    lastRunLines.AddRange(lines);
                }
            }
        }

        var problems = CrashRunChecks.Check(run, finished);
        problems.AddRange(lastRunLines
            .Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)
                        || l.Contains("Unhandled exception", StringComparison.Ordinal))
            .Select(l => $"the last run logged an error: {l}"));
        output.WriteLine(run.Summary());
        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} problems:\n{string.Join('\n', problems.Take(40))}\n\nLast run's output:\n{string.Join('\n', lastRunLines.TakeLast(60))}");
    }

    /// <summary>The status code of one create; null when the kill cut it off before an answer came.</summary>
    private static async Task<int?> SendCreateAsync(HttpClient admin, string id, bool wait, int stepWorkMs = StepWorkMs)
    {
        try
        {
            var response = await admin.PostAsJsonAsync(
                $"/v1/tenants/{Tenant}/workflows/{RealHostCrashWorkflow.Name}/instances{(wait ? "?wait=60s" : "")}", new { id, @params = stepWorkMs });
            return (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
    }

    /// <summary>Waits until no instance is unfinished, then describes each: version, output and status.</summary>
    private static async Task<Dictionary<string, (int Version, string Output, string Status)>> WaitUntilAllEndAsync(
        HttpClient admin, IEnumerable<string> ids, int seed)
    {
        string[] ended = ["complete", "errored", "terminated"];
        var expected = ids.ToList();
        await Eventually.UntilAsync(() => BackupApi.InstancesAsync(admin, Tenant),
            all => expected.All(id => all.TryGetValue(id, out var status) && ended.Contains(status)),
            $"every instance to end in the last run (seed {seed})", Deadline);
        var described = new Dictionary<string, (int, string, string)>(StringComparer.Ordinal);
        foreach (var id in expected)
        {
            var describe = await ApiClient.DescribeAsync(admin, Tenant, id);
            described[id] = (describe["version"]!.GetValue<int>(), describe["output"]?.ToString() ?? "null", describe["status"]!.GetValue<string>());
        }

        return described;
    }
}
