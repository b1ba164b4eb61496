using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Skein.Cli.Output;

/// <summary>How values look in tables: plain text (never read as markup), local-free ISO times, JSON cut to a width.</summary>
internal static class Render
{
    public static Table Table(params string[] columns)
    {
        var table = new Table().Border(TableBorder.Rounded);
        for (var i = 0; i < columns.Length; i++)
        {
            // The first column is the row's id: kept whole so it can be copied.
            var column = new TableColumn(new Text(columns[i], new Style(decoration: Decoration.Bold)));
            table.AddColumn(i == 0 ? column.NoWrap() : column);
        }

        return table;
    }

    /// <summary>Keeps these columns whole (short values: names, statuses); the others wrap.</summary>
    public static Table NoWrap(this Table table, params int[] columns)
    {
        foreach (var column in columns)
        {
            table.Columns[column].NoWrap();
        }

        return table;
    }

    public static void Row(this Table table, params string?[] cells) =>
        table.AddRow([.. cells.Select(c => (IRenderable)new Text(c ?? ""))]);

    public static string? String(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };

    public static string? Time(JsonNode? node) =>
        String(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : String(node);

    /// <summary>The time of day only (UTC, with milliseconds): for steps, whose date the instance's summary shows.</summary>
    public static string? Clock(JsonNode? node) =>
        String(node) is { } text && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time.ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture)
            : String(node);

    /// <summary>JSON for a table cell: compact, cut at <paramref name="max"/> characters.</summary>
    public static string? Json(JsonNode? node, int max = 60)
    {
        if (node is null)
        {
            return null;
        }

        var text = node.ToJsonString();
        return text.Length <= max ? text : text[..(max - 1)] + "…";
    }

    public static string? Duration(JsonNode? start, JsonNode? end)
    {
        if (String(start) is not { } s || String(end) is not { } e
            || !DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
            || !DateTimeOffset.TryParse(e, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to))
        {
            return null;
        }

        var elapsed = to - from;
        return elapsed.TotalSeconds < 1 ? $"{elapsed.TotalMilliseconds:0} ms"
            : elapsed.TotalMinutes < 1 ? $"{elapsed.TotalSeconds:0.0} s"
            : elapsed.ToString(@"h\:mm\:ss", CultureInfo.InvariantCulture);
    }

    public static string Error(JsonNode? error) =>
        error is null ? "" : $"{String(error["name"])}: {String(error["message"])}";

    /// <summary>A line of plain text (not markup).</summary>
    public static void Line(this IAnsiConsole console, string text) => console.Write(new Text(text + "\n"));
}
