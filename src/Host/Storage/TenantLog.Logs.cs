using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Logging;

namespace Skein.Host.Storage;

/// <summary>
/// Lines logged by workflow code. They live in the history as entries of kind <c>log</c> (so the stream sends them
/// in commit order with everything else, under the same never-reused seqs), paged through the partial index
/// <c>history_logs</c>.
/// </summary>
internal sealed partial class TenantLog
{
    private const string LogKind = "log";

    private static readonly JsonSerializerOptions LogJson = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Appends lines written outside steps; false, writing nothing, when the run was superseded.</summary>
    public Task<bool> AppendLogsAsync(string id, int generation, IReadOnlyList<LogLine> lines) => Write(tx =>
    {
        if (!IsCurrent(tx, id, generation))
        {
            return false;
        }

        AppendLines(tx, id, lines);
        return true;
    });

    /// <summary>The instance's lines after <paramref name="afterSeq"/>, in commit order.</summary>
    public IReadOnlyList<LogLineRow> ReadLogs(string id, long afterSeq, int limit)
    {
        using var read = BeginRead();
        var connection = read.Connection;
        return QueryList(connection,
            "SELECT seq, at, data FROM history WHERE instance_id = $0 AND kind = 'log' AND seq > $1 ORDER BY seq LIMIT $2",
            r => new LogLineRow(r.GetInt64(0), ReadLine(r.GetInt64(1), NullableString(r, 2))), id, afterSeq, limit);
    }

    /// <summary>
    /// Writes lines in order until the instance holds <see cref="LogLineLimits.MaxLinesPerInstance"/>; the first line
    /// past it becomes the one truncation marker, and the rest are dropped.
    /// </summary>
    private static void AppendLines(LogTransaction tx, string id, IReadOnlyList<LogLine>? lines)
    {
        if (lines is not { Count: > 0 })
        {
            return;
        }

        var held = tx.Scalar<long>(
            "SELECT COUNT(*) FROM (SELECT 1 FROM history WHERE instance_id = $0 AND kind = 'log' LIMIT $1)",
            id, LogLineLimits.MaxLinesPerInstance + 1);
        foreach (var line in lines)
        {
            if (held > LogLineLimits.MaxLinesPerInstance)
            {
                return;
            }

            var stored = held < LogLineLimits.MaxLinesPerInstance
                ? line
                : line with { Level = LogLevel.Warning, Message = LogLineLimits.InstanceTruncated };
            tx.Execute("INSERT INTO history (instance_id, at, kind, data) VALUES ($0, $1, $2, $3)", id, stored.At, LogKind,
                JsonSerializer.Serialize(StoredLine.From(stored), LogJson));
            held++;
        }
    }

    private static LogLine ReadLine(long at, string? data)
    {
        var stored = data is null ? null : JsonSerializer.Deserialize<StoredLine>(data, LogJson);
        return new LogLine(at, StoredLine.ToLevel(stored?.Level), stored?.Message ?? "", stored?.Step?.Name, stored?.Step?.Count, stored?.Attempt);
    }

    /// <summary>A line as the history stores it (and the stream sends it): <c>{at, level, message, step?, attempt?}</c>.</summary>
    private sealed record StoredLine(DateTimeOffset At, string Level, string Message, StoredStep? Step, int? Attempt)
    {
        private static readonly string[] Levels = ["trace", "debug", "information", "warning", "error", "critical"];

        public static StoredLine From(LogLine line) => new(
            DateTimeOffset.FromUnixTimeMilliseconds(line.At), Levels[Math.Clamp((int)line.Level, 0, Levels.Length - 1)], line.Message,
            line.StepName is { } name ? new StoredStep(name, line.StepCount ?? 1) : null, line.Attempt);

        public static LogLevel ToLevel(string? level) =>
            Array.IndexOf(Levels, level) is var i and >= 0 ? (LogLevel)i : LogLevel.Information;
    }

    private sealed record StoredStep(string Name, int Count);
}
