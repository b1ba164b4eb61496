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

        // Compared as milliseconds before it becomes a TimeSpan: a long run of digits reads as a huge double (or
        // infinity), which TimeSpan cannot hold.
        var amount = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var unitMs = match.Groups[2].Value switch
        {
            "ms" => 1.0,
            "m" => 60_000.0,
            _ => 1_000.0,
        };
        return amount * unitMs > Max.TotalMilliseconds
            ? throw ApiException.Invalid($"'wait={value}' is longer than the maximum of {Max.TotalMinutes} minutes.")
            : TimeSpan.FromMilliseconds(amount * unitMs);
    }

    // [0-9], not \d: \d also matches other scripts' digits, which double.Parse does not read.
    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^([0-9]+(?:\.[0-9]+)?)(ms|s|m)?\z")]
    private static partial Regex Pattern();
}
