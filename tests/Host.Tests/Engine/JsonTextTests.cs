using System.Text;
using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"a":"\ud83d\ude00","b":"\u00e9 plain"}""")]
    [InlineData("""["\\ud800 is text after an escaped backslash"]""")]
    [InlineData("""{"\ud83d\ude00":1}""")]
    public void Whole_characters_and_literal_backslashes_are_accepted(string json) =>
        Assert.Null(JsonText.FindProblem(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("""{"a":"\ud800"}""")]
    [InlineData("""{"a":"\udc00\ud800"}""")]
    [InlineData("""{"\ud83d":1}""")]
    [InlineData("""["x\\\ud800"]""")]
    public void Escaped_unpaired_surrogates_are_refused(string json) =>
        Assert.Contains("unpaired surrogate", JsonText.FindProblem(Encoding.UTF8.GetBytes(json)), StringComparison.Ordinal);

    [Fact]
    public void Invalid_UTF8_is_refused_with_its_offset() =>
        Assert.StartsWith("it is not valid UTF-8 (the first invalid byte is at offset 6)",
            JsonText.FindProblem([.. "{\"a\":\""u8, 0xC3, 0x28, .. "\"}"u8]), StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"a":"ok"}""", """{"a":"ok"}""")]
    [InlineData("""{"a":"\ud800","b":"\\ud800","c":"\ud83d\ude00"}""", """{"a":"\uFFFD","b":"\\ud800","c":"\ud83d\ude00"}""")]
    [InlineData("""["\udc00x"]""", """["\uFFFDx"]""")]
    [InlineData("not json", null)]
    public void Stored_text_is_made_writable(string stored, string? shown) =>
        Assert.Equal(shown, JsonText.MakeWritable(stored));

    [Fact]
    public void A_raw_unpaired_surrogate_in_stored_text_becomes_a_replacement_character()
    {
        Assert.Equal("[\"a\uFFFD\"]", JsonText.MakeWritable("[\"a\ud800\"]"));
        Assert.Equal("step \uFFFD", JsonText.MakeWritableString("step \udc00"));
        Assert.Equal("emoji \ud83d\ude00", JsonText.MakeWritableString("emoji \ud83d\ude00"));
    }
}
