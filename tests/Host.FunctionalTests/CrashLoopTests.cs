using System.Text.Json.Nodes;
using Skein.Tests.Common;
using Xunit.Abstractions;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// Steps that kill their host process with SIGKILL every time they run (tests/CrashHost/SuicideWorkflow.cs), in a
/// real host started again after each death: attempts cut off by the kills count against the retry limit, an
/// instance that keeps cutting its recovery off is stopped after the crash-loop cap, and the node goes on serving.
/// </summary>
public sealed class CrashLoopTests(ITestOutputHelper output)
{
    /// <summary>Two runs of the Limit = 1 step, six of the looping one (five recoveries allowed), then a start that finishes.</summary>
    private const int ExpectedStarts = 2 + 6 + 1;

    private static readonly TimeSpan RunDeadline = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Steps_that_kill_the_host_run_only_as_often_as_allowed_and_the_node_keeps_serving()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        var sideEffects = Path.Combine(dir.Path, "side-effects.txt");

        var starts = 0;
        string finished;
        while (true)
        {
            starts++;
            Assert.True(starts <= ExpectedStarts + 3, $"The host was started {starts - 1} times without finishing: the crash loop was not stopped.");
            using var host = CrashHostProcess.Start(starts, dataDir, sideEffects, instances: 1, maxConcurrent: 1, scenario: "suicide");
            var exitCode = await host.WaitForExitAsync(RunDeadline);
            if (host.Output.Contains("ALL FINISHED", StringComparison.Ordinal))
            {
                Assert.Equal(0, exitCode);
                finished = host.Output;
                break;
            }

            output.WriteLine($"start {starts} died (exit code {exitCode})");
        }

        var runs = File.ReadAllLines(sideEffects).Select(SideEffectLine.Parse).OfType<SideEffectLine>().ToList();
        var describes = finished.Split('\n')
            .Where(line => line.StartsWith("DESCRIBE ", StringComparison.Ordinal))
            .ToDictionary(line => line.Split(' ')[1], line => JsonNode.Parse(line[(line.IndexOf('{', StringComparison.Ordinal))..])!);
        output.WriteLine(string.Join('\n', describes.Select(d => $"{d.Key}: {d.Value.ToJsonString()}")));

        // Limit = 1: two attempts, both cut off, both in the describe; no third run.
        Assert.Equal([1, 2], runs.Where(r => r.InstanceId == "c-9001").Select(r => r.Attempt));
        var limitOne = describes["c-9001"];
        Assert.Equal("errored", (string?)limitOne["status"]);
        Assert.Equal("HostStopped", (string?)limitOne["error"]!["name"]);
        var limitOneAttempts = limitOne["steps"]![0]!["attempts"]!.AsArray();
        Assert.Equal(["HostStopped", "HostStopped"], limitOneAttempts.Select(a => (string?)a!["error"]!["name"]));
        Assert.Contains("host stopped while attempt 2", (string?)limitOneAttempts[1]!["error"]!["message"], StringComparison.Ordinal);

        // Limit = 100: stopped by the crash-loop cap (default 5 recoveries in a row) after six runs.
        Assert.Equal([1, 2, 3, 4, 5, 6], runs.Where(r => r.InstanceId == "c-9002").Select(r => r.Attempt));
        var loop = describes["c-9002"];
        Assert.Equal("errored", (string?)loop["status"]);
        Assert.Equal("CrashLoop", (string?)loop["error"]!["name"]);
        Assert.Contains("6 times in a row", (string?)loop["error"]!["message"], StringComparison.Ordinal);
        Assert.Equal("errored", (string?)loop["steps"]![0]!["status"]);
        Assert.Equal(6, loop["steps"]![0]!["attempts"]!.AsArray().Count);

        // The node kept serving: the ordinary instance completed, and no more starts were needed than the kills.
        Assert.Equal("complete", (string?)describes["c-9003"]["status"]);
        Assert.Equal(36, (int?)describes["c-9003"]["output"]);
        Assert.Equal(ExpectedStarts, starts);
    }
}
