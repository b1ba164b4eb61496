using Skein.Host.Api;

namespace Skein.Host.Tests.Api;

/// <summary>The <c>?wait=</c> value: up to 5 minutes; anything else is a 400 naming the limit, never an overflow.</summary>
public sealed class WaitDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("500ms", 500)]
    [InlineData("30", 30_000)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("300000ms", 300_000)]
    [InlineData("4.5m", 270_000)]
    public void Durations_up_to_five_minutes_are_read(string value, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), WaitDuration.Parse(value));
    }

    [Theory]
    [InlineData("300001ms")]
    [InlineData("301s")]
    [InlineData("5.0001m")]
    [InlineData("99999999999999999999999m")]
    [InlineData("99999999999999999999999999999999999999999999999999999999999999999999999999999999s")]
    public void Durations_past_five_minutes_are_refused_naming_the_limit(string value)
    {
        var refused = Assert.Throws<ApiException>(() => WaitDuration.Parse(value));

        Assert.Equal(400, refused.Status);
        Assert.Equal($"'wait={value}' is longer than the maximum of 5 minutes.", refused.Message);
    }

    [Fact]
    public void A_number_too_long_for_a_double_is_refused_naming_the_limit()
    {
        var value = new string('9', 400) + "ms";

        var refused = Assert.Throws<ApiException>(() => WaitDuration.Parse(value));

        Assert.Equal(400, refused.Status);
        Assert.EndsWith("is longer than the maximum of 5 minutes.", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1s")]
    [InlineData("forever")]
    [InlineData("1h")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("1e3")]
    [InlineData("\u0663s")]
    public void Values_that_are_not_durations_are_refused(string value)
    {
        var refused = Assert.Throws<ApiException>(() => WaitDuration.Parse(value));

        Assert.Equal(400, refused.Status);
        Assert.StartsWith($"'wait={value}' is not a duration", refused.Message, StringComparison.Ordinal);
    }
}
