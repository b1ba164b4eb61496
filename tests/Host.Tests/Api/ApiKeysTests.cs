using System.Text.RegularExpressions;
using Skein.Host.Tenants;

namespace Skein.Host.Tests.Api;

/// <summary>The API keys a tenant is handed: their shape (safe in a header and a URL) and the check against the stored hash.</summary>
public sealed partial class ApiKeysTests
{
    [Fact]
    public void A_key_is_sk_and_43_url_safe_characters_of_256_random_bits()
    {
        var keys = Enumerable.Range(0, 50).Select(_ => ApiKeys.NewKey()).ToList();

        Assert.All(keys, key => Assert.Matches(KeyShape(), key));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void A_key_id_is_key_and_16_lowercase_hex_digits()
    {
        var ids = Enumerable.Range(0, 20).Select(_ => ApiKeys.NewKeyId()).ToList();

        Assert.All(ids, id => Assert.Matches(KeyIdShape(), id));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void The_stored_hash_is_the_lowercase_hex_SHA_256_of_the_key()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", ApiKeys.Hash("abc"));
    }

    [Fact]
    public void Only_the_key_itself_matches_its_hash()
    {
        var key = ApiKeys.NewKey();
        var hash = ApiKeys.Hash(key);

        Assert.True(ApiKeys.Matches(key, hash));
        Assert.False(ApiKeys.Matches(key + "x", hash));
        Assert.False(ApiKeys.Matches(ApiKeys.NewKey(), hash));
        Assert.False(ApiKeys.Matches(key, hash.ToUpperInvariant()));
    }

    [GeneratedRegex("^sk_[A-Za-z0-9_-]{43}$")]
    private static partial Regex KeyShape();

    [GeneratedRegex("^key_[0-9a-f]{16}$")]
    private static partial Regex KeyIdShape();
}
