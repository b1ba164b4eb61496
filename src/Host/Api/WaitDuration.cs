using System.Globalization;
using System.Text.RegularExpressions;

namespace Skein.Host.Api;

/// <summary>The <c>?wait=</c> query value: <c>30s</c>, <c>2m</c>, <c>500ms</c> or a number of seconds; at most 5 minutes.</summary>
internal static partial class WaitDuration
{
    public static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    public static TimeSpan? Parse(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var match = Pattern().Match(value);
        if (!match.Success)
        {
            throw ApiException.Invalid($"'wait={value}' is not a duration: use e.g. 30s, 2m, 500ms (at most {Max.TotalMinutes} minutes).");
        }

        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var duration = match.Groups[2].Value switch
        {
            "ms" => TimeSpan.FromMilliseconds(amount),
            "m" => TimeSpan.FromMinutes(amount),
            _ => TimeSpan.FromSeconds(amount),
        };
        return duration > Max
            ? throw ApiException.Invalid($"'wait={value}' is longer than the maximum of {Max.TotalMinutes} minutes.")
            : duration;
    }

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m)?$")]
    private static partial Regex Pattern();
}
