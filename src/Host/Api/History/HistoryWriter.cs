using System.Text.Json;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api.History;

/// <summary>
/// Writes an instance's log as the versioned history export (docs/sdk.md, "History export"): the instance row, its
/// steps with every attempt exactly as logged (what a replay needs), its earlier runs, and every history entry in
/// commit order (what a person reads). Written as it is read, page by page, so a long history is never one string.
/// </summary>
internal static class HistoryWriter
{
    private const int HistoryPage = 500;

    public static async Task WriteAsync(Stream output, string tenant, InstanceHistory history,
        Func<long, int, IReadOnlyList<HistoryRow>> readHistory, CancellationToken ct)
    {
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("format", HistoryFormat.Name);
        json.WriteNumber("version", HistoryFormat.Version);
        json.WriteString("tenant", tenant);
        WriteInstance(json, history);
        WriteRuns(json, history.Runs);
        var attempts = history.Attempts.ToLookup(a => a.Position);
        json.WriteStartArray("steps");
        foreach (var step in history.Steps)
        {
            WriteStep(json, step, attempts[step.Position]);
        }

        json.WriteEndArray();
        await json.FlushAsync(ct);
        json.WriteStartArray("events");
        var after = 0L;
        while (true)
        {
            var page = readHistory(after, HistoryPage);
            foreach (var row in page)
            {
                json.WriteStartObject();
                json.WriteNumber("seq", row.Seq);
                WriteTime(json, "at", row.At);
                json.WriteString("kind", row.Kind);
                WriteRaw(json, "data", row.Data);
                json.WriteEndObject();
            }

            await json.FlushAsync(ct);
            if (page.Count < HistoryPage)
            {
                break;
            }

            after = page[^1].Seq;
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteInstance(Utf8JsonWriter json, InstanceHistory history)
    {
        var i = history.Instance;
        json.WriteStartObject("instance");
        json.WriteString("id", i.Id);
        json.WriteString("workflow", i.Workflow);
        json.WriteNumber("version", i.Version);
        json.WriteString("status", StoredNames.Name(i.Status));
        WriteRaw(json, "params", i.Params);
        WriteRaw(json, "output", i.Output);
        WriteError(json, "error", i.ErrorName, i.ErrorMessage, null);
        WriteTime(json, "createdAt", i.CreatedAt);
        WriteTime(json, "startedAt", i.StartedAt);
        WriteTime(json, "endedAt", i.EndedAt);
        json.WriteNumber("run", history.Runs?.Current ?? 1);
        WriteRaw(json, "trigger", i.Trigger);
        if (i.Parent is { } parent)
        {
            json.WriteStartObject("parent");
            json.WriteString("id", parent.Id);
            json.WriteString("step", parent.Step);
            json.WriteNumber("position", parent.Position);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteRuns(Utf8JsonWriter json, InstanceRuns? runs)
    {
        json.WriteStartArray("runs");
        foreach (var run in runs?.Earlier ?? [])
        {
            json.WriteStartObject();
            json.WriteNumber("run", run.Run);
            WriteTime(json, "startedAt", run.StartedAt);
            WriteTime(json, "endedAt", run.EndedAt);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteStep(Utf8JsonWriter json, StepRow s, IEnumerable<AttemptRow> attempts)
    {
        json.WriteStartObject();
        json.WriteNumber("position", s.Position);
        json.WriteString("type", StoredNames.Name(s.Kind));
        json.WriteString("name", s.Name);
        json.WriteNumber("count", s.Count);
        json.WriteString("status", StoredNames.Name(s.Status));
        WriteRaw(json, "output", s.Output);
        WriteError(json, "error", s.ErrorName, s.ErrorMessage, null);
        WriteString(json, "eventType", s.EventType);
        WriteTime(json, "wakeAt", s.WakeAt);
        WriteTime(json, "startedAt", s.StartedAt);
        WriteTime(json, "endedAt", s.EndedAt);
        if (s.RollbackStatus is { } rollback)
        {
            json.WriteStartObject("rollback");
            json.WriteString("status", StoredNames.Name(rollback));
            WriteString(json, "error", s.RollbackError);
            json.WriteEndObject();
        }

        WriteString(json, "childId", s.ChildId);
        WriteString(json, "childWorkflow", s.ChildWorkflow);
        // The attempts the log holds; a step that succeeded at its first attempt may have none (SQLite keeps none).
        json.WriteStartArray("attempts");
        foreach (var a in attempts)
        {
            json.WriteStartObject();
            json.WriteNumber("attempt", a.Attempt);
            WriteTime(json, "startedAt", a.StartedAt);
            WriteTime(json, "endedAt", a.EndedAt);
            json.WriteBoolean("success", a.Success);
            WriteError(json, "error", a.ErrorName, a.ErrorMessage, a.ErrorStack);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteError(Utf8JsonWriter json, string property, string? name, string? message, string? stack)
    {
        if (name is null)
        {
            json.WriteNull(property);
            return;
        }

        json.WriteStartObject(property);
        json.WriteString("name", Text(name));
        json.WriteString("message", Text(message ?? ""));
        if (stack is not null)
        {
            json.WriteStartArray("stack");
            foreach (var frame in stack.Split('\n'))
            {
                json.WriteStringValue(Text(frame));
            }

            json.WriteEndArray();
        }

        json.WriteEndObject();
    }

    // Stored JSON is written as JSON (not as a string holding JSON), as far as it can be written back.
    private static void WriteRaw(Utf8JsonWriter json, string property, string? raw)
    {
        if (raw is null || JsonText.MakeWritable(raw) is not { } writable)
        {
            json.WriteNull(property);
            return;
        }

        json.WritePropertyName(property);
        json.WriteRawValue(writable, skipInputValidation: false);
    }

    private static void WriteString(Utf8JsonWriter json, string property, string? value)
    {
        if (value is null)
        {
            json.WriteNull(property);
        }
        else
        {
            json.WriteString(property, Text(value));
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string property, long? ms)
    {
        if (ms is { } value)
        {
            json.WriteString(property, DateTimeOffset.FromUnixTimeMilliseconds(value));
        }
        else
        {
            json.WriteNull(property);
        }
    }

    private static string Text(string text) => JsonText.MakeWritableString(text);
}
