using Microsoft.Extensions.Logging;

namespace Skein.Tests.Common;

/// <summary>One entry a <see cref="RecordingLoggerProvider"/> kept: the line as written and its structured fields.</summary>
public sealed record StructuredLog(string Category, LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Fields)
{
    /// <summary>A field's value as the line renders it (a list as its items joined with ", ").</summary>
    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? Render(value) : null;

    /// <summary>Every field rendered, for checks over all of them.</summary>
    public IEnumerable<string> RenderedFields => Fields.Values.Select(Render).OfType<string>();

    private static string? Render(object? value) => value switch
    {
        null => null,
        string text => text,
        System.Collections.IEnumerable items => string.Join(", ", items.Cast<object?>()),
        IFormattable formattable => formattable.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
