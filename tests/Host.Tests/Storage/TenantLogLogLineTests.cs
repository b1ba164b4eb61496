using System.Text.Json;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A workflow's log lines as the history stores them, which is what the live stream sends: each level's name, a level
/// past the last one, and the step a line was written in.
/// </summary>
public sealed class TenantLogLogLineTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly TenantLog _log;

    public TenantLogLogLineTests()
    {
        _log = TenantLog.Open("t1", Path.Combine(_dir.Path, "tenants", "t1", "log.db"));
    }

    public void Dispose()
    {
        _log.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task Each_level_is_stored_under_its_name_and_a_level_past_critical_as_critical()
    {
        await Running("i");
        LogLevel[] levels = [LogLevel.Trace, LogLevel.Debug, LogLevel.Information, LogLevel.Warning, LogLevel.Error, LogLevel.Critical, LogLevel.None];

        Assert.True(await _log.AppendLogsAsync("i", 1, levels.Select((level, n) => new LogLine(10 + n, level, "m")).ToList()));

        Assert.Equal(["trace", "debug", "information", "warning", "error", "critical", "critical"], Stored("i").Select(l => l.GetProperty("level").GetString()));
        Assert.Equal([.. levels[..6], LogLevel.Critical], _log.ReadLogs("i", 0, 10).Select(r => r.Line.Level));
    }

    [Fact]
    public async Task A_line_written_in_a_steps_later_run_keeps_that_runs_count()
    {
        await Running("i");

        Assert.True(await _log.AppendLogsAsync("i", 1, [new LogLine(10, LogLevel.Information, "third", "s", 3, 1)]));

        Assert.Equal("""{"name":"s","count":3}""", Stored("i")[0].GetProperty("step").GetRawText());
        Assert.Equal(new LogLine(10, LogLevel.Information, "third", "s", 3, 1), _log.ReadLogs("i", 0, 10)[0].Line);
    }

    private async Task Running(string id)
    {
        await _log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        Assert.True(await _log.MarkRunningAsync(id, 1, 2));
    }

    private List<JsonElement> Stored(string id) =>
        [.. _log.ReadHistory(id, 0).Where(h => h.Kind == "log").Select(h => JsonDocument.Parse(h.Data!).RootElement.Clone())];
}
