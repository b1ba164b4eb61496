using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>A schedule as its tenant's runtime ticks it: the row, its parsed expression and its next tick (Unix ms).</summary>
internal sealed record ScheduleState(ScheduleRow Row, CronSchedule Cron, long? NextDue)
{
    /// <summary>The state of a schedule read from the log; null when it is paused or cannot be parsed on this host.</summary>
    public static ScheduleState? From(ScheduleRow row, long now)
    {
        if (row.Paused || !CronSchedule.TryParse(row.Cron, row.TimeZone, out var cron, out _, out _))
        {
            return null;
        }

        // A tick missed while the host was down is due now (the latest of them is taken); otherwise the next one.
        var next = cron.NextAfter(row.TicksAfter);
        return new ScheduleState(row, cron, next);
    }
}
