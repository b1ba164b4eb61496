using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Skein.Host.Engine;

/// <summary>
/// JSON the host can always write back. System.Text.Json accepts an escaped lone surrogate (<c>"\ud800"</c>) when it
/// parses, and throws only when the text is written out again, long after it was stored; so text from outside is
/// checked here before anything is stored, and stored text is made writable before it is shown.
/// </summary>
internal static partial class JsonText
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// The size of <paramref name="json"/> as stored and sent: UTF-8 bytes, what the tenant's payload limit counts. Not
    /// its <c>Length</c> (UTF-16 units): a converter may write characters unescaped, each of them up to 3 bytes.
    /// </summary>
    public static int Utf8Bytes(string json) => Encoding.UTF8.GetByteCount(json);

    /// <summary>Why <paramref name="utf8"/> is not JSON with valid Unicode text, or null if it is.</summary>
    public static string? FindProblem(ReadOnlySpan<byte> utf8)
    {
        if (!System.Text.Unicode.Utf8.IsValid(utf8))
        {
            return $"it is not valid UTF-8 (the first invalid byte is at offset {InvalidUtf8Offset(utf8)}); send JSON encoded as UTF-8.";
        }

        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { AllowTrailingCommas = false, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped && !Unescapes(reader))
                {
                    return $"a string near byte {reader.TokenStartIndex} escapes an unpaired surrogate (\\ud800–\\udfff without its pair), "
                        + "which is not Unicode text; send whole characters (a string cut in the middle of an emoji does this).";
                }
            }

            return null;
        }
        catch (JsonException error)
        {
            return $"it is not valid JSON: {error.Message}";
        }
    }

    /// <summary>Whether <paramref name="json"/> parses and can be written back as it is.</summary>
    public static bool IsWritable(string json)
    {
        try
        {
            return FindProblem(Strict.GetBytes(json)) is null;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>
    /// Stored JSON made writable: an older build may have stored text with unpaired surrogates (raw or escaped); they
    /// become U+FFFD, the way a decoder shows bytes it cannot read. Null when even that does not give JSON.
    /// </summary>
    public static string? MakeWritable(string json)
    {
        if (IsWritable(json))
        {
            return json;
        }

        // Encoding.UTF8 replaces raw unpaired surrogates with U+FFFD.
        var repaired = LoneSurrogateEscape().Replace(Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(json)), @"\uFFFD");
        return IsWritable(repaired) ? repaired : null;
    }

    /// <summary>A string from storage (an error message, a step name) with unpaired surrogates replaced by U+FFFD.</summary>
    public static string MakeWritableString(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsSurrogate(text[i]) && !char.IsSurrogatePair(text, i) && !(i > 0 && char.IsSurrogatePair(text, i - 1)))
            {
                return Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(text));
            }
        }

        return text;
    }

    private static bool Unescapes(Utf8JsonReader reader)
    {
        try
        {
            _ = reader.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        Span<char> sink = stackalloc char[256];
        var offset = 0;
        while (offset < utf8.Length)
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8[offset..], sink, out var read, out _, replaceInvalidSequences: false);
            if (status == System.Buffers.OperationStatus.InvalidData)
            {
                return offset + read;
            }

            offset += read;
            if (status != System.Buffers.OperationStatus.DestinationTooSmall)
            {
                break;
            }
        }

        return offset;
    }

    /// <summary>
    /// A <c>\uXXXX</c> escape of a high surrogate not followed by an escaped low one, or of a low surrogate not
    /// preceded by a high one; an even run of backslashes before it is literal text, not an escape.
    /// </summary>
    [GeneratedRegex(@"(?<=(?<!\\)(?:\\\\)*)(?:\\u[dD][89abAB][0-9a-fA-F]{2}(?!\\u[dD][c-fC-F][0-9a-fA-F]{2})|(?<!\\u[dD][89abAB][0-9a-fA-F]{2})\\u[dD][c-fC-F][0-9a-fA-F]{2})")]
    private static partial Regex LoneSurrogateEscape();
}
