using Cronos;

namespace Skein.Host.Engine;

/// <summary>
/// A cron expression read by Cronos (5 fields, or 6 with seconds first) in a time zone. Cronos does the daylight-saving
/// transitions: a time the clocks skip runs when they resume, a time they repeat runs once (an expression that runs
/// every so often within the repeated hour, such as <c>*/30</c>, runs in both of its passes).
/// </summary>
internal sealed class CronSchedule
{
    private CronSchedule(CronExpression expression, TimeZoneInfo zone)
    {
        Expression = expression;
        Zone = zone;
    }

    public CronExpression Expression { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Parses the expression and zone, or says which field of the request is wrong and why.</summary>
    public static CronSchedule Parse(string cron, string timeZone) =>
        TryParse(cron, timeZone, out var schedule, out var field, out var problem)
            ? schedule
            : throw new InvalidRequestException(problem, field);

    public static bool TryParse(string cron, string timeZone, out CronSchedule schedule, out string field, out string problem)
    {
        schedule = null!;
        field = "";
        problem = "";
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length is not (5 or 6))
        {
            (field, problem) = ("cron", $"The cron expression \"{cron}\" has {fields.Length} fields; use 5 (minute hour day-of-month month day-of-week) or 6 (second first).");
            return false;
        }

        CronExpression expression;
        try
        {
            expression = CronExpression.Parse(cron, fields.Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard);
        }
        catch (CronFormatException error)
        {
            // Cronos names the field it refused (e.g. "Minutes: Value must be a number between 0 and 59").
            (field, problem) = ("cron", $"The cron expression \"{cron}\" is not valid: {error.Message}");
            return false;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone))
        {
            (field, problem) = ("timeZone", $"'{timeZone}' is not a time zone this host knows; use an IANA name such as \"Europe/Berlin\" or \"UTC\".");
            return false;
        }

        schedule = new CronSchedule(expression, zone);
        return true;
    }

    /// <summary>The first tick after <paramref name="afterMs"/> (Unix ms); null when the expression never runs again.</summary>
    public long? NextAfter(long afterMs) =>
        Expression.GetNextOccurrence(DateTimeOffset.FromUnixTimeMilliseconds(afterMs), Zone, inclusive: false)?.ToUnixTimeMilliseconds();

    /// <summary>
    /// The latest tick in (<paramref name="afterMs"/>, <paramref name="nowMs"/>]; null when there is none. Searches back
    /// from now in doubling windows, so a schedule that ran every second through a month of downtime costs a few steps.
    /// </summary>
    public long? LatestUpTo(long afterMs, long nowMs)
    {
        for (var window = 1_000L; ; window *= 2)
        {
            var from = Math.Max(afterMs, nowMs - window);
            long? latest = null;
            for (var tick = NextAfter(from); tick is { } t && t <= nowMs; tick = NextAfter(t))
            {
                latest = t;
            }

            if (latest is not null || from == afterMs)
            {
                return latest;
            }
        }
    }
}
