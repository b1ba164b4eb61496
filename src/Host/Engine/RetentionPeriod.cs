using System.Globalization;
using System.Text.RegularExpressions;

namespace Skein.Host.Engine;

/// <summary>
/// A tenant's <c>retention</c> as the limits endpoint takes it: a whole number and a unit, <c>90m</c>, <c>36h</c>,
/// <c>30d</c> (the units of the API's <c>?wait=</c>, with hours and days added) or spelled out as Cloudflare Workflows
/// writes durations (<c>30 days</c>, <c>1 hour</c>), from 1 hour to 3650 days. A unit is required: a bare number would
/// be seconds for <c>?wait=</c> and days to a reader of "retention".
/// </summary>
internal static partial class RetentionPeriod
{
    public static readonly TimeSpan Default = TimeSpan.FromDays(30);

    public static readonly TimeSpan Min = TimeSpan.FromHours(1);

    public static readonly TimeSpan Max = TimeSpan.FromDays(3650);

    /// <summary>What a valid value looks like, for error messages.</summary>
    public const string Shape = "a whole number with a unit s, m, h or d (or seconds, minutes, hours, days), e.g. \"30d\", \"36h\" or \"30 days\", from 1h to 3650d";

    /// <summary>Reads <paramref name="value"/>; false with a message naming the field when it is not a valid retention.</summary>
    public static bool TryParse(string? value, out TimeSpan retention, out string error)
    {
        retention = default;
        var match = value is null ? Match.Empty : Pattern().Match(value);
        if (!match.Success)
        {
            error = $"'retention' \"{value}\" is not a duration: use {Shape}.";
            return false;
        }

        // Compared as a double before it becomes a TimeSpan: ten digits of days overflow TimeSpan.
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var seconds = amount * match.Groups[2].Value.TrimStart()[0] switch
        {
            'd' => 86_400.0,
            'h' => 3_600.0,
            'm' => 60.0,
            _ => 1.0,
        };
        if (seconds < Min.TotalSeconds || seconds > Max.TotalSeconds)
        {
            error = $"'retention' \"{value}\" is out of range: it must be from 1h to 3650d (10 years).";
            return false;
        }

        retention = TimeSpan.FromSeconds(seconds);
        error = "";
        return true;
    }

    // [0-9], not \d: \d also matches other scripts' digits. \z, not $: $ also matches before a final newline.
    [GeneratedRegex(@"^([0-9]{1,12})(s|m|h|d| seconds?| minutes?| hours?| days?)\z")]
    private static partial Regex Pattern();
}
