namespace Skein.Router.Tests.Unit;

public sealed class RouterOptionsValidatorTests
{
    [Fact]
    public void Every_invalid_setting_is_reported_at_once()
    {
        var options = new RouterOptions
        {
            AdminKey = null,
            Domain = "bad domain",
            HealthCheckInterval = TimeSpan.Zero,
            Nodes =
            [
                new NodeOptions { Id = "a", Url = "http://127.0.0.1:5080" },
                new NodeOptions { Id = "A", Url = "http://127.0.0.1:5081" },
                new NodeOptions { Id = "c", Url = "not a url" },
                new NodeOptions { Id = "d", Url = "http://127.0.0.1:5082/prefix" },
            ],
        };

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Router:AdminKey is required", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Nodes:1:Id 'A' is used by another node", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Nodes:2:Url 'not a url' must be an absolute http", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Nodes:3:Url 'http://127.0.0.1:5082/prefix'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:Domain 'bad domain'", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Router:HealthCheckInterval", StringComparison.Ordinal));
        Assert.Equal(6, failures.Count);
    }

    [Fact]
    public void No_nodes_is_invalid()
    {
        var result = new RouterOptionsValidator().Validate(null, new RouterOptions { AdminKey = "k" });

        Assert.Equal(["Router:Nodes must list at least one node as {Id, Url} (e.g. --Router:Nodes:0:Id=a --Router:Nodes:0:Url=http://127.0.0.1:5080)."],
            result.Failures);
    }

    [Fact]
    public void A_valid_configuration_passes()
    {
        var result = new RouterOptionsValidator().Validate(null, new RouterOptions
        {
            AdminKey = "k",
            Domain = "skein.example.com",
            Nodes = [new NodeOptions { Id = "a", Url = "http://10.0.0.5:5080" }, new NodeOptions { Id = "b", Url = "https://node-b:5080/" }],
        });

        Assert.True(result.Succeeded);
    }

    public static TheoryData<string, TimeSpan, string> TooLong => new()
    {
        { nameof(RouterOptions.HealthCheckInterval), TimeSpan.FromHours(1) + TimeSpan.FromMilliseconds(1), "Router:HealthCheckInterval must be between 100 ms and 1 hour" },
        { nameof(RouterOptions.HealthCheckInterval), TimeSpan.MaxValue, "Router:HealthCheckInterval must be between 100 ms and 1 hour" },
        { nameof(RouterOptions.HealthCheckTimeout), TimeSpan.FromDays(5), "Router:HealthCheckTimeout must be positive and at most 1 hour" },
        { nameof(RouterOptions.HealthCheckTimeout), TimeSpan.MaxValue, "Router:HealthCheckTimeout must be positive and at most 1 hour" },
    };

    [Fact]
    public void A_node_id_with_a_trailing_newline_is_refused()
    {
        var options = new RouterOptions { AdminKey = "k", Nodes = [new NodeOptions { Id = "a\n", Url = "http://10.0.0.5:5080" }] };

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.Contains("a\n", Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    /// <summary>
    /// Past its bound a value would reach a timer or a client timeout that throws once the router runs (the activity
    /// timeouts' bounds are in <c>ActivityTimeoutValidationTests</c>).
    /// </summary>
    [Theory]
    [MemberData(nameof(TooLong))]
    public void A_time_setting_longer_than_its_bound_is_refused_at_start(string setting, TimeSpan value, string message)
    {
        var options = new RouterOptions { AdminKey = "k", Nodes = [new NodeOptions { Id = "a", Url = "http://10.0.0.5:5080" }] };
        typeof(RouterOptions).GetProperty(setting)!.SetValue(options, value);

        var result = new RouterOptionsValidator().Validate(null, options);

        Assert.StartsWith(message, Assert.Single(result.Failures!), StringComparison.Ordinal);
    }

    [Fact]
    public void Time_settings_at_their_bounds_pass()
    {
        var result = new RouterOptionsValidator().Validate(null, new RouterOptions
        {
            AdminKey = "k",
            Nodes = [new NodeOptions { Id = "a", Url = "http://10.0.0.5:5080" }],
            HealthCheckInterval = TimeSpan.FromHours(1),
            HealthCheckTimeout = TimeSpan.FromHours(1),
            ActivityTimeout = TimeSpan.FromDays(1),
        });

        Assert.True(result.Succeeded);
    }
}
