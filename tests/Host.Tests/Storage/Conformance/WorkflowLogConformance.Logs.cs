using Microsoft.Extensions.Logging;
using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>Log lines of workflow code: kept with their attempt, bounded per instance, fenced, paged in commit order.</summary>
public abstract partial class WorkflowLogConformance
{
    [Fact]
    public async Task Logs_an_attempts_lines_are_committed_with_it_and_read_back_in_order_with_step_and_attempt()
    {
        await RunningAsync("i");
        Assert.True(await Log.AppendLogsAsync("i", 1, [new LogLine(20, LogLevel.Information, "before")]));
        var lines = new[] { new LogLine(21, LogLevel.Debug, "one", "s", 1, 2), new LogLine(22, LogLevel.Error, "two", "s", 1, 2) };
        Assert.True(await Log.WriteStepAsync(Step("i", 1, 0, "s") with { Logs = lines }, 23));

        var rows = Log.ReadLogs("i", 0, 10);

        Assert.Equal([new LogLine(20, LogLevel.Information, "before"), .. lines], rows.Select(r => r.Line));
        Assert.True(rows[0].Seq < rows[1].Seq && rows[1].Seq < rows[2].Seq);
        Assert.Equal([rows[2].Line], Log.ReadLogs("i", rows[1].Seq, 10).Select(r => r.Line));
        Assert.Equal([rows[0].Line], Log.ReadLogs("i", 0, 1).Select(r => r.Line));
        Assert.Empty(Log.ReadLogs("other", 0, 10));
    }

    [Fact]
    public async Task Logs_an_instance_keeps_10000_lines_then_one_marker_and_drops_the_rest()
    {
        await RunningAsync("i");
        var many = Enumerable.Range(1, LogLineLimits.MaxLinesPerInstance - 1)
            .Select(n => new LogLine(n, LogLevel.Information, $"line {n}")).ToList();
        Assert.True(await Log.AppendLogsAsync("i", 1, many));
        Assert.True(await Log.AppendLogsAsync("i", 1,
            [new LogLine(20_000, LogLevel.Information, "last kept"), new LogLine(20_001, LogLevel.Error, "over", "s", 1, 3),
             new LogLine(20_002, LogLevel.Error, "dropped")]));
        Assert.True(await Log.AppendLogsAsync("i", 1, [new LogLine(20_003, LogLevel.Error, "dropped too")]));

        var rows = Log.ReadLogs("i", 0, 20_000);

        Assert.Equal(LogLineLimits.MaxLinesPerInstance + 1, rows.Count);
        Assert.Equal("last kept", rows[^2].Line.Message);
        Assert.Equal(new LogLine(20_001, LogLevel.Warning, LogLineLimits.InstanceTruncated, "s", 1, 3), rows[^1].Line);
    }

    [Fact]
    public async Task Logs_a_superseded_or_finished_run_appends_nothing()
    {
        await RunningAsync("i");
        Assert.False(await Log.AppendLogsAsync("i", 2, [new LogLine(20, LogLevel.Information, "stale generation")]));
        Assert.True(await Log.FinishAsync("i", 1, InstanceStatus.Complete, "null", null, null, 21));
        Assert.False(await Log.AppendLogsAsync("i", 1, [new LogLine(22, LogLevel.Information, "after the end")]));

        Assert.Empty(Log.ReadLogs("i", 0, 10));
    }

    [Fact]
    public async Task Logs_a_failed_attempt_keeps_its_stack_frames_and_deleting_the_instance_deletes_its_lines()
    {
        await RunningAsync("i");
        var failed = new AttemptRow(0, 1, 10, 11, false, "NullReferenceException", "boom", "A.B.C()\nA.B.D()");
        Assert.True(await Log.WriteStepAsync(Step("i", 1, 0, "s", StepStatus.Retrying) with
        {
            Attempt = failed, Logs = [new LogLine(11, LogLevel.Information, "tried", "s", 1, 1)],
        }, 12));

        Assert.Equal(failed, Assert.Single(Log.LoadHistory("i")!.Attempts));
        Assert.True(await Log.DeleteInstanceAsync("i"));
        Assert.Empty(Log.ReadLogs("i", 0, 10));
    }
}
