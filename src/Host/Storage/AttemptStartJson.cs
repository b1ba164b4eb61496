using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Skein.Host.Storage;

/// <summary>
/// An <see cref="AttemptStart"/> as one line of the attempt journal: JSON with web names, written by generated code
/// (every attempt of every step writes one, on the step's own path).
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(AttemptStart))]
internal sealed partial class AttemptStartJson : JsonSerializerContext
{
    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>The entry's JSON followed by a newline.</summary>
    public static byte[] Line(AttemptStart entry)
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(256);
        buffer.ResetWrittenCount();
        var json = t_writer ??= new Utf8JsonWriter(buffer);
        json.Reset(buffer);
        JsonSerializer.Serialize(json, entry, Default.AttemptStart);
        json.Flush();
        var line = new byte[buffer.WrittenCount + 1];
        buffer.WrittenSpan.CopyTo(line);
        line[^1] = (byte)'\n';
        return line;
    }

    /// <summary>Reads one line back; null for a line that is not an entry.</summary>
    /// <exception cref="JsonException">The line is not whole JSON.</exception>
    public static AttemptStart? Read(string line) => JsonSerializer.Deserialize(line, Default.AttemptStart);
}
