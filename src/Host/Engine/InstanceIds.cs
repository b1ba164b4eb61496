using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Skein.Host.Engine;

/// <summary>
/// Instance ids: callers may choose one; otherwise a 26-character, time-ordered id is generated (48 bits of
/// milliseconds, 80 random bits, Crockford base32). Time order keeps the log's index appends local, which is worth
/// several times the write throughput of random ids.
/// </summary>
internal static partial class InstanceIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>The rule, as every refusal of an id states it.</summary>
    public const string Rule = "use 1–100 characters of letters, digits, '_' and '-', not starting with '-'";

    public static bool IsValid(string id) => ValidId().IsMatch(id);

    /// <summary>Why <paramref name="id"/> is refused, for the API and the engine alike.</summary>
    public static string Problem(string? id) => $"'{id}' is not a valid instance id: {Rule}.";

    public static string New(TimeProvider time)
    {
        Span<byte> random = stackalloc byte[10];
        RandomNumberGenerator.Fill(random);
        var ms = (ulong)time.GetUtcNow().ToUnixTimeMilliseconds() & 0xFFFF_FFFF_FFFF;
        var high = (ms << 16) | BitConverter.ToUInt16(random[..2]);
        var value = new UInt128(high, BitConverter.ToUInt64(random[2..]));
        Span<char> chars = stackalloc char[26];
        for (var i = 25; i >= 0; i--)
        {
            chars[i] = Alphabet[(int)(value & 31)];
            value >>= 5;
        }

        return new string(chars);
    }

    // \z, not $: $ also matches before a final newline, which would let "id\n" through.
    [GeneratedRegex(@"^[a-zA-Z0-9_][a-zA-Z0-9_-]{0,99}\z")]
    private static partial Regex ValidId();
}
