using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Logging;

/// <summary>
/// Lines logged by workflow code are kept once: with the attempt that wrote them (committed with its outcome), or,
/// outside steps, when the code ran live and not when it replayed; bounded per attempt and per line.
/// </summary>
public sealed class WorkflowLogTests : IDisposable
{
    // No execution cache: a wake replays the instance from its log, as after an eviction or a restart.
    private readonly TestEngine _engine = new(new EngineOptions { MaxCachedExecutions = 0 },
        typeof(LogsAcrossReplay), typeof(Chatty), typeof(LastWords), typeof(LineThenStep), typeof(LineWhileStepRuns));

    [Fact]
    public async Task Lines_appear_once_per_attempt_and_once_outside_steps_across_a_replay()
    {
        var id = await _engine.CreateAsync("logs-across-replay", 7);
        await _engine.WaitUntilIdleAsync();
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromSeconds(1));
        Assert.Equal("waiting", _engine.Describe(id).Status);
        await _engine.AdvanceAndSettleAsync(TimeSpan.FromMinutes(1));
        Assert.Equal("complete", await _engine.WaitForStatusAsync(id, "complete"));

        var lines = _engine.Log.ReadLogs(id, 0, 1000).Select(r => r.Line).ToList();

        Assert.Equal(
            [
                "Information starting with 7 - -",
                "Information charging, attempt 1 charge#1 1",
                "Information charging, attempt 2 charge#1 2",
                "Warning sleeping - -",
                "Information awake - -",
                "Error shipped ship#1 1",
            ],
            lines.Select(Show));
    }

    [Fact]
    public async Task A_line_logged_before_a_step_is_in_the_log_before_the_step_s_lines_even_when_its_body_ends_at_once()
    {
        // Each round is a chance for the step's write to be queued in the same turn as the line, ahead of the flush
        // that waits for the turn to end (when the body has ended by the time its task is awaited).
        const int rounds = 300;
        var id = await _engine.CreateAsync("line-then-step", rounds);
        Assert.Equal("complete", await _engine.WaitForStatusAsync(id, "complete"));

        var lines = _engine.Log.ReadLogs(id, 0, 10 * rounds).Select(r => r.Line.Message).ToList();
        Assert.Equal(Enumerable.Range(0, rounds).SelectMany(i => new[] { $"before {i}", $"in {i}" }), lines);
    }

    [Fact]
    public async Task A_line_logged_while_a_step_runs_is_in_the_log_before_the_step_ends()
    {
        var id = await _engine.CreateAsync("line-while-step-runs");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        await Eventually.Until(() => _engine.Log.ReadLogs(id, 0, 10).Select(r => r.Line.Message).ToList(),
            lines => lines.SequenceEqual(["waiting for the slow step"]), "the line in the log while the step runs");

        probe.Open("body");
        Assert.Equal("complete", await _engine.WaitForStatusAsync(id, "complete"));
    }

    [Fact]
    public async Task An_attempt_keeps_100_lines_and_then_one_marker_saying_how_many_were_dropped()
    {
        var id = await _engine.CreateAsync("chatty", new ChattyParams(130));
        Assert.Equal("complete", await _engine.WaitForStatusAsync(id, "complete"));

        var lines = _engine.Log.ReadLogs(id, 0, 1000).Select(r => r.Line).ToList();

        Assert.Equal(101, lines.Count);
        Assert.Equal("100 x", lines[99].Message);
        Assert.Equal(LogLevel.Warning, lines[100].Level);
        Assert.Equal("Log truncated: an attempt keeps at most 100 lines and 64 KiB; 30 later lines were dropped.", lines[100].Message);
        Assert.Equal(("talk", 1, 1), (lines[100].StepName, lines[100].StepCount, lines[100].Attempt));
    }

    [Fact]
    public async Task An_attempt_keeps_64_KiB_of_lines_and_a_line_is_cut_at_4096_characters()
    {
        var id = await _engine.CreateAsync("chatty", new ChattyParams(20, Length: 10_000));
        Assert.Equal("complete", await _engine.WaitForStatusAsync(id, "complete"));

        var lines = _engine.Log.ReadLogs(id, 0, 1000).Select(r => r.Line).ToList();

        // 4,096 characters a line, 4,098 bytes of UTF-8 with the ellipsis: 15 lines fit in 64 KiB, the 16th does not.
        Assert.Equal(16, lines.Count);
        Assert.All(lines.Take(15), l => Assert.Equal(4_096, l.Message.Length));
        Assert.EndsWith("… [line truncated]", lines[0].Message);
        Assert.Equal("Log truncated: an attempt keeps at most 100 lines and 64 KiB; 5 later lines were dropped.", lines[15].Message);
    }

    [Theory]
    [InlineData(false, "complete")]
    [InlineData(true, "errored")]
    public async Task A_line_written_just_before_the_workflow_ends_is_kept(bool fail, string status)
    {
        var id = await _engine.CreateAsync("last-words", fail);
        Assert.Equal(status, await _engine.WaitForStatusAsync(id, status));

        Assert.Equal(["bye"], _engine.Log.ReadLogs(id, 0, 10).Select(r => r.Line.Message));
    }

    public void Dispose() => _engine.Dispose();

    private static string Show(LogLine l) =>
        $"{l.Level} {l.Message} {(l.StepName is null ? "-" : $"{l.StepName}#{l.StepCount}")} {l.Attempt?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}";
}
