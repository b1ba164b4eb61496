namespace Skein.Router.Tests.Unit;

/// <summary>The activity timeouts are refused at start when a request could not live with them.</summary>
public sealed class ActivityTimeoutValidationTests
{
    [Theory]
    [InlineData("00:00:00.500", "1.00:00:00", "Router:ActivityTimeout '00:00:00.5000000' must be between 1 second and 20 days (e.g. 01:00:00).")]
    [InlineData("30.00:00:00", "30.00:00:00",
        "Router:ActivityTimeout '30.00:00:00' must be between 1 second and 20 days (e.g. 01:00:00).")]
    [InlineData("01:00:00", "00:10:00",
        "Router:StreamActivityTimeout '00:10:00' must be at least Router:ActivityTimeout (01:00:00) and at most 20 days (e.g. 1.00:00:00): a stream is silent while its instance sleeps.")]
    [InlineData("01:00:00", "21.00:00:00",
        "Router:StreamActivityTimeout '21.00:00:00' must be at least Router:ActivityTimeout (01:00:00) and at most 20 days (e.g. 1.00:00:00): a stream is silent while its instance sleeps.")]
    public void A_timeout_out_of_range_is_refused(string activity, string stream, string expected)
    {
        var options = Valid();
        options.ActivityTimeout = TimeSpan.Parse(activity, System.Globalization.CultureInfo.InvariantCulture);
        options.StreamActivityTimeout = TimeSpan.Parse(stream, System.Globalization.CultureInfo.InvariantCulture);

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.Contains(expected, result.Failures ?? []);
    }

    [Fact]
    public void The_defaults_and_the_bounds_are_accepted()
    {
        Assert.True(new RouterOptionsValidator().Validate(null, Valid()).Succeeded);
        var bounds = Valid();
        bounds.ActivityTimeout = TimeSpan.FromSeconds(1);
        bounds.StreamActivityTimeout = TimeSpan.FromDays(20);
        Assert.True(new RouterOptionsValidator().Validate(null, bounds).Succeeded);
    }

    private static RouterOptions Valid() => new()
    {
        AdminKey = "key",
        Nodes = [new NodeOptions { Id = "a", Url = "http://127.0.0.1:5080" }],
    };
}
