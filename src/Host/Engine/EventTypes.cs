using System.Text.RegularExpressions;

namespace Skein.Host.Engine;

/// <summary>Event types: 1–100 characters of letters, digits, <c>_</c>, <c>-</c> and <c>.</c>.</summary>
internal static partial class EventTypes
{
    /// <summary>The rule, as every refusal of a type states it.</summary>
    public const string Rule = "use 1–100 characters of letters, digits, '_', '-' and '.'";

    public static bool IsValid(string? type) => type is not null && Pattern().IsMatch(type);

    /// <summary>Why <paramref name="type"/> is refused, for the API and the engine alike.</summary>
    public static string Problem(string? type) => $"'{type}' is not a valid event type: {Rule}.";

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9_.-]{1,100}\z")]
    private static partial Regex Pattern();
}
