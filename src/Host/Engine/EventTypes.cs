using System.Text.RegularExpressions;

namespace Skein.Host.Engine;

/// <summary>Event types: 1–100 characters of letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
internal static partial class EventTypes
{
    public static bool IsValid(string? type) => type is not null && Pattern().IsMatch(type);

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{1,100}\z")]
    private static partial Regex Pattern();
}
