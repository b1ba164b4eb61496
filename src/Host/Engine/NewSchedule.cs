namespace Skein.Host.Engine;

/// <summary>A schedule as a client asks for it (unchecked): <see cref="Overlap"/> is <c>allow</c> or <c>skip</c>.</summary>
internal sealed record NewSchedule(string? Id, string? Workflow, string? Cron, string? TimeZone, string? ParamsJson, string? Overlap);
