using System.Text.Json.Nodes;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>A schedule as the API shows it (DESIGN §9); <c>source</c> is <c>api</c> or <c>attribute</c>.</summary>
internal sealed record ScheduleDescription(
    string Id,
    string Workflow,
    string Cron,
    string TimeZone,
    JsonNode? Params,
    string Overlap,
    bool Paused,
    string Source,
    DateTimeOffset? NextTick,
    DateTimeOffset? LastTick)
{
    public static ScheduleDescription From(ScheduleSnapshot schedule)
    {
        var row = schedule.Row;
        return new ScheduleDescription(row.Id, row.Workflow, row.Cron, row.TimeZone,
            row.Params is null ? null : JsonNode.Parse(row.Params),
            row.Overlap == ScheduleOverlap.Skip ? "skip" : "allow",
            row.Paused,
            row.Source == ScheduleSource.Api ? "api" : "attribute",
            Time(schedule.NextTick), Time(row.LastTick));
    }

    private static DateTimeOffset? Time(long? ms) => ms is { } value ? DateTimeOffset.FromUnixTimeMilliseconds(value) : null;
}
