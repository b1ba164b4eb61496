using Skein.Host.Engine;

namespace Skein.Host.Tests.Engine;

/// <summary>The retention forms the limits endpoint takes, and what each means.</summary>
public sealed class RetentionPeriodTests
{
    [Theory]
    [InlineData("30d", 30 * 24 * 60)]
    [InlineData("30 days", 30 * 24 * 60)]
    [InlineData("1 day", 24 * 60)]
    [InlineData("36h", 36 * 60)]
    [InlineData("1 hour", 60)]
    [InlineData("90m", 90)]
    [InlineData("90 minutes", 90)]
    [InlineData("7200 seconds", 120)]
    public void A_retention_reads_as_its_number_of_its_unit(string value, int minutes)
    {
        Assert.True(RetentionPeriod.TryParse(value, out var retention, out var error), error);
        Assert.Equal(TimeSpan.FromMinutes(minutes), retention);
    }

    [Theory]
    [InlineData("30")]
    [InlineData("30days")]
    [InlineData("30  days")]
    [InlineData("30 weeks")]
    [InlineData("30 d")]
    [InlineData("59 minutes")]
    public void Other_forms_and_values_out_of_range_are_refused(string value) =>
        Assert.False(RetentionPeriod.TryParse(value, out _, out _));
}
