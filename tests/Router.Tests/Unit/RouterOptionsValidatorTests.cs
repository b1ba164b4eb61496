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
}
