using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skein.Host.Storage;

/// <summary>JSON text embedded as is in a larger JSON document (a step's output inside a history event).</summary>
internal sealed record RawJson(string Json);

/// <summary>Writes a <see cref="RawJson"/> without re-encoding it.</summary>
internal sealed class RawJsonConverter : JsonConverter<RawJson>
{
    public override RawJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return new RawJson(document.RootElement.GetRawText());
    }

    public override void Write(Utf8JsonWriter writer, RawJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Json, skipInputValidation: true);
}
