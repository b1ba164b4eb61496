namespace Skein.TenantSdk;

/// <summary>
/// Runs the workflow on a cron schedule while its version is the tenant's active one. Each tick creates the instance
/// <c>{workflow}-{yyyyMMddTHHmmss}</c> (the tick's UTC time) with <see cref="Params"/>, at most once per tick; ticks missed
/// while the host was down are not made up, except the latest. <see cref="WorkflowEvent{T}.Schedule"/> is the tick.
/// </summary>
/// <remarks>
/// The schedule's id is the workflow's name: it appears in <c>GET /v1/tenants/{tenant}/schedules</c> with
/// <c>source: "attribute"</c>, is registered when a version declaring it becomes active and removed when a version
/// without it does. One per workflow; add other cadences through the schedules API.
/// </remarks>
/// <example><code>[Workflow("nightly"), Schedule("0 2 * * *", TimeZone = "Europe/Berlin")] public sealed class Nightly : …</code></example>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
public sealed class ScheduleAttribute : Attribute
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="cron">
    /// A cron expression of 5 fields (minute hour day-of-month month day-of-week) or 6 (seconds first), as Cronos reads it.
    /// </param>
    public ScheduleAttribute(string cron) => Cron = cron;

    /// <summary>The cron expression.</summary>
    public string Cron { get; }

    /// <summary>The IANA (or Windows) time zone the expression is read in; <c>UTC</c> by default.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The params of every tick's instance, as JSON (e.g. <c>{"records": 1000}</c>); null by default.</summary>
    public string? Params { get; set; }

    /// <summary>When true, a tick is skipped while the previous tick's instance is unfinished; false (the default) runs every tick.</summary>
    public bool SkipIfRunning { get; set; }
}
