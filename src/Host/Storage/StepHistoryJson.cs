using System.Buffers;
using System.Text.Json;

namespace Skein.Host.Storage;

/// <summary>
/// The <c>data</c> of a <c>step</c> history entry, written straight to UTF-8: the log writes one per step, on its one
/// thread, and serializing an anonymous object cost it more than the statement that stores it.
/// </summary>
/// <remarks>
/// The shape is the one the serializer gave with web defaults and nulls left out (the stream's and the history API's
/// wire format): <c>{"type","name","count","position","instanceId"?,"status","start"?,"wakeAt"?,"attempt"?: {"attempt",
/// "start","end","success","error"?: {"name","message"?,"stack"?: [...]}},"error"?: {"name","message"?}}</c>, times as
/// ISO 8601 with offset, text escaped by the default encoder. <c>StepHistoryJsonTests</c> holds it to that.
/// </remarks>
internal static class StepHistoryJson
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    public static string Write(StepKind kind, string name, int count, int position, StepStatus status, AttemptRow? attempt,
        string? errorName, string? errorMessage, long? start, long? wakeAt, string? childId)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);

        json.WriteStartObject();
        json.WriteString("type", StoredNames.Name(kind));
        json.WriteString("name", name);
        json.WriteNumber("count", count);
        json.WriteNumber("position", position);
        WriteIfSet(json, "instanceId", childId);
        json.WriteString("status", StoredNames.Name(status));
        WriteTime(json, "start", start);
        WriteTime(json, "wakeAt", wakeAt);
        if (attempt is not null)
        {
            json.WriteStartObject("attempt");
            json.WriteNumber("attempt", attempt.Attempt);
            WriteTime(json, "start", attempt.StartedAt);
            WriteTime(json, "end", attempt.EndedAt);
            json.WriteBoolean("success", attempt.Success);
            if (attempt.ErrorName is not null)
            {
                json.WriteStartObject("error");
                json.WriteString("name", attempt.ErrorName);
                WriteIfSet(json, "message", attempt.ErrorMessage);
                if (attempt.ErrorStack is not null)
                {
                    json.WriteStartArray("stack");
                    foreach (var frame in attempt.ErrorStack.Split('\n'))
                    {
                        json.WriteStringValue(frame);
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        if (errorName is not null)
        {
            json.WriteStartObject("error");
            json.WriteString("name", errorName);
            WriteIfSet(json, "message", errorMessage);
            json.WriteEndObject();
        }

        json.WriteEndObject();
        json.Flush();
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void WriteIfSet(Utf8JsonWriter json, string property, string? value)
    {
        if (value is not null)
        {
            json.WriteString(property, value);
        }
    }

    private static void WriteTime(Utf8JsonWriter json, string property, long? unixMilliseconds)
    {
        if (unixMilliseconds is { } ms)
        {
            json.WriteString(property, DateTimeOffset.FromUnixTimeMilliseconds(ms));
        }
    }
}
