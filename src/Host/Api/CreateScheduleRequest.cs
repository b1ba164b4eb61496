using System.Text.Json;

namespace Skein.Host.Api;

/// <summary>POST …/schedules (DESIGN §9).</summary>
internal sealed class CreateScheduleRequest
{
    public string? Id { get; set; }

    public string? Workflow { get; set; }

    public string? Cron { get; set; }

    public string? TimeZone { get; set; }

    public JsonElement? Params { get; set; }

    public string? Overlap { get; set; }

    [System.Text.Json.Serialization.JsonIgnore]
    public string? ParamsJson => Params is { ValueKind: not JsonValueKind.Undefined and not JsonValueKind.Null } p ? p.GetRawText() : null;
}
