using System.Net;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>The placement table is the router's state: it survives a restart, and is never rewritten behind the operator.</summary>
[Collection(RouterCollection.Name)]
public sealed class RouterRestartTests(RouterCluster cluster)
{
    [Fact]
    public async Task Placements_survive_a_router_killed_and_restarted()
    {
        var tenants = new List<CreatedTenant>();
        for (var i = 0; i < 6; i++)
        {
            tenants.Add(await cluster.CreateTenantAsync($"restart-{i}"));
        }

        var before = await cluster.PlacementsAsync();

        await cluster.RestartRouterAsync(RouterCluster.NodeIds);

        Assert.Equal(before, await cluster.PlacementsAsync());
        foreach (var tenant in tenants)
        {
            using var client = cluster.Router(tenant.ApiKey);
            using var response = await client.GetAsync($"/v1/tenants/{tenant.Id}/instances");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(tenant.Node, RouterApi.Node(response));
        }
    }

    [Fact]
    public async Task A_router_restarted_without_a_node_answers_503_for_its_tenants_and_places_nothing_elsewhere()
    {
        var tenants = new List<CreatedTenant>();
        for (var i = 0; tenants.Select(t => t.Node).Distinct().Count() < 2; i++)
        {
            tenants.Add(await cluster.CreateTenantAsync($"removed-{i}"));
        }

        var before = await cluster.PlacementsAsync();
        try
        {
            await cluster.RestartRouterAsync("b");

            foreach (var tenant in tenants)
            {
                using var client = cluster.Router(tenant.ApiKey);
                using var response = await client.GetAsync($"/v1/tenants/{tenant.Id}/instances");
                if (tenant.Node == "b")
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                    continue;
                }

                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                Assert.NotNull(response.Headers.RetryAfter);
                Assert.Equal("a", RouterApi.Node(response));
                var problem = await RouterApi.ProblemAsync(response);
                Assert.Equal("urn:skein:problem:node-unavailable", problem.GetProperty("type").GetString());
                Assert.Contains("node 'a', which is not in this router's configuration", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

                // Creating it again is not a way around it: the create goes to its node, which the router cannot reach.
                using var admin = cluster.Router();
                using var again = await admin.PostAsync("/v1/tenants",
                    new StringContent($"{{\"id\":\"{tenant.Id}\"}}", System.Text.Encoding.UTF8, "application/json"));
                Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
            }

            Assert.Equal(before, await cluster.PlacementsAsync());
        }
        finally
        {
            await cluster.RestartRouterAsync(RouterCluster.NodeIds);
        }
    }
}
