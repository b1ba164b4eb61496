using Skein.Router.Tests.Cluster;

namespace Skein.Cli.Tests;

/// <summary><c>skein nodes</c> and <c>skein move</c> against a real router process with two real host nodes.</summary>
public sealed class CliRouterTests(RouterCluster cluster) : IClassFixture<RouterCluster>
{
    private CliRunner Operator() => new(new Dictionary<string, string>
    {
        ["SKEIN_URL"] = cluster.RouterUrl.ToString().TrimEnd('/'),
        ["SKEIN_KEY"] = RouterCluster.AdminKey,
    });

    [Fact]
    public async Task Nodes_ListsTheRoutersNodes()
    {
        using var cli = Operator();

        var nodes = await cli.RunAsync("nodes", "--json");
        Assert.True(nodes.ExitCode == 0, nodes.ToString());
        Assert.Equal(["a", "b"], nodes.Json.AsArray().Select(n => n!["id"]!.GetValue<string>()).Order());
        Assert.All(nodes.Json.AsArray(), n => Assert.True(n!["healthy"]!.GetValue<bool>()));
        var table = await cli.RunAsync("nodes");
        Assert.Matches(@"│ a\s+│ http://127\.0\.0\.1:\d+/?\s+│ yes\s+│", table.Out);
    }

    [Fact]
    public async Task Move_PrintsEachStateUntilDone_AndTheTenantKeepsItsInstances()
    {
        using var cli = Operator();
        var tenant = $"mv-{Guid.NewGuid():n}"[..20];
        var created = await cli.RunAsync("tenants", "create", tenant, "--json");
        Assert.True(created.ExitCode == 0, created.ToString());
        var key = created.Json["apiKey"]!.GetValue<string>();
        using var tenantCli = new CliRunner(new Dictionary<string, string>
        {
            ["SKEIN_URL"] = cluster.RouterUrl.ToString().TrimEnd('/'),
            ["SKEIN_KEY"] = key,
            ["SKEIN_TENANT"] = tenant,
        });
        Assert.Equal(0, (await tenantCli.RunAsync("deploy", TenantCode.WriteTemp(TenantCode.Dll, "Cli.Tenant.dll"))).ExitCode);
        Assert.Equal(0, (await tenantCli.RunAsync("start", "hello", "--params", """{"name":"ada"}""", "--id", "m-1", "--wait", "60s")).ExitCode);
        var from = (await PlacementAsync(tenant))!;
        var to = from == "a" ? "b" : "a";

        var moved = await cli.RunAsync("move", tenant, "--to", to);

        Assert.True(moved.ExitCode == 0, moved.ToString());
        Assert.StartsWith($"{tenant}: {from} → {to}  ", moved.Out);
        Assert.Matches($@"{tenant}: {from} → {to}  done \(unavailable for \d+ ms\)\n$", moved.Out);
        Assert.Equal(to, await PlacementAsync(tenant));
        var described = await tenantCli.RunAsync("instances", "describe", "m-1", "--json");
        Assert.Equal("hello ada", described.Json["output"]!.GetValue<string>());

        var nowhere = await cli.RunAsync("move", tenant, "--to", "zz");
        Assert.Equal(1, nowhere.ExitCode);
        Assert.StartsWith("error: ", nowhere.Error);
    }

    [Fact]
    public async Task NodesAgainstAHost_SaysItIsNotARouter()
    {
        using var cli = new CliRunner(new Dictionary<string, string>
        {
            ["SKEIN_URL"] = cluster.HostUrl("a").ToString().TrimEnd('/'),
            ["SKEIN_KEY"] = RouterCluster.AdminKey,
        });

        var nodes = await cli.RunAsync("nodes");

        Assert.Equal(1, nodes.ExitCode);
        Assert.Contains("is not a router", nodes.Error);
    }

    private async Task<string?> PlacementAsync(string tenant)
    {
        using var router = cluster.Router();
        var rows = System.Text.Json.Nodes.JsonNode.Parse(await router.GetStringAsync("/v1/placements"))!.AsArray();
        return rows.SingleOrDefault(r => r!["tenant"]!.GetValue<string>() == tenant)?["node"]?.GetValue<string>();
    }
}
