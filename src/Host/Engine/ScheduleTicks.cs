using System.Globalization;
using System.Text.RegularExpressions;
using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// The ids of tick instances, <c>{scheduleId}-{yyyyMMddTHHmmss}</c> (the tick's UTC time): the id is the tick, so a
/// tick can create its instance at most once.
/// </summary>
internal static partial class ScheduleTicks
{
    /// <summary>The suffix a tick adds to the schedule id: '-' and 15 characters of time.</summary>
    public const int SuffixLength = 16;

    /// <summary>The longest schedule id whose tick ids are still valid instance ids.</summary>
    public const int MaxScheduleIdLength = 100 - SuffixLength;

    public const string IdRule = "use 1–84 characters of letters, digits, '_' and '-', not starting with '-' (a tick adds 16 characters to make its instance id)";

    public static bool IsValidScheduleId(string id) => ValidScheduleId().IsMatch(id);

    public static string InstanceId(string scheduleId, long tickMs) =>
        scheduleId + "-" + DateTimeOffset.FromUnixTimeMilliseconds(tickMs).UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture);

    /// <summary>The tick that created the instance, read from the log only for ids shaped like a tick's.</summary>
    public static DateTimeOffset? Find(IWorkflowLog log, string instanceId) =>
        TickSuffix().IsMatch(instanceId) && log.FindScheduleTick(instanceId) is { } tick
            ? DateTimeOffset.FromUnixTimeMilliseconds(tick)
            : null;

    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,83}\z")]
    private static partial Regex ValidScheduleId();

    [GeneratedRegex(@"-[0-9]{8}T[0-9]{6}\z")]
    private static partial Regex TickSuffix();
}
