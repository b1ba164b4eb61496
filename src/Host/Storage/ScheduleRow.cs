namespace Skein.Host.Storage;

/// <summary>A schedule as the log holds it. Times are Unix milliseconds; <see cref="Params"/> is JSON text.</summary>
internal sealed record ScheduleRow(
    string Id,
    string Workflow,
    string Cron,
    string TimeZone,
    string? Params,
    ScheduleOverlap Overlap,
    bool Paused,
    ScheduleSource Source,
    long CreatedAt,
    long? LastTick = null,
    string? LastInstanceId = null,
    long? ResumedAt = null)
{
    /// <summary>Ticks after this time are due: the last tick taken, or the creation or resume when later.</summary>
    public long TicksAfter => Math.Max(LastTick ?? CreatedAt, ResumedAt ?? CreatedAt);

    /// <summary>True when the two describe the same schedule (what a client sent), whatever their state.</summary>
    public bool SameDefinition(ScheduleRow other) =>
        Id == other.Id && Workflow == other.Workflow && Cron == other.Cron && TimeZone == other.TimeZone &&
        Params == other.Params && Overlap == other.Overlap && Source == other.Source;
}
