using System.Security.Cryptography;
using System.Text;

namespace Skein.Host.Tenants;

/// <summary>
/// API keys: 32 random bytes, shown once. Only their SHA-256 is stored; a key has 256 bits of entropy, so a fast
/// hash is enough (a slow password hash protects guessable secrets, which these are not).
/// </summary>
internal static class ApiKeys
{
    public static string NewKey() => "sk_" + Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string NewKeyId() => "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    /// <summary>Compares in constant time, so response timing says nothing about how much of a key was right.</summary>
    public static bool Matches(string key, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(key)), Encoding.ASCII.GetBytes(expectedHash));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
