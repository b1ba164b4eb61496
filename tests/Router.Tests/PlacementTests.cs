using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>Tenant creation through the router: where tenants land, what the router records, and when.</summary>
[Collection(RouterCollection.Name)]
public sealed class PlacementTests(RouterCluster cluster)
{
    [Fact]
    public async Task Thirty_tenants_created_through_the_router_land_on_both_nodes_as_the_placements_say()
    {
        var created = new List<CreatedTenant>();
        for (var i = 0; i < 30; i++)
        {
            created.Add(await cluster.CreateTenantAsync($"spread-{i}"));
        }

        Assert.Equal(["a", "b"], created.Select(t => t.Node).Distinct().Order());
        var placements = await cluster.PlacementsAsync();
        foreach (var tenant in created)
        {
            Assert.Equal(tenant.Node, placements[tenant.Id]);
        }

        // Each node holds exactly the tenants placed on it.
        foreach (var node in RouterCluster.NodeIds)
        {
            using var direct = cluster.Direct(node);
            var listed = (await direct.GetFromJsonAsync<JsonElement>("/v1/tenants")).EnumerateArray()
                .Select(t => t.GetProperty("id").GetString()!).Where(id => id.StartsWith("spread-", StringComparison.Ordinal)).Order();
            Assert.Equal(created.Where(t => t.Node == node).Select(t => t.Id).Order(), listed);
        }

        // The merged list has them all; /v1/nodes counts them per node.
        using var router = cluster.Router();
        var merged = (await router.GetFromJsonAsync<JsonElement>("/v1/tenants")).EnumerateArray()
            .Select(t => t.GetProperty("id").GetString()!).Where(id => id.StartsWith("spread-", StringComparison.Ordinal)).Order();
        Assert.Equal(created.Select(t => t.Id).Order(), merged);
        var nodes = (await router.GetFromJsonAsync<JsonElement>("/v1/nodes")).EnumerateArray().ToList();
        Assert.Equal(RouterCluster.NodeIds, nodes.Select(n => n.GetProperty("id").GetString()));
        Assert.All(nodes, n => Assert.True(n.GetProperty("healthy").GetBoolean()));
        foreach (var node in nodes)
        {
            var id = node.GetProperty("id").GetString();
            Assert.Equal(placements.Count(p => p.Value == id), node.GetProperty("tenants").GetInt32());
            Assert.Equal(cluster.HostUrl(id!).ToString().TrimEnd('/'), node.GetProperty("url").GetString());
        }

        // Every answer for a tenant says which node gave it, and it is the placed one.
        foreach (var tenant in created.Take(6))
        {
            using var client = cluster.Router(tenant.ApiKey);
            using var response = await client.GetAsync($"/v1/tenants/{tenant.Id}/instances");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(placements[tenant.Id], RouterApi.Node(response));
        }
    }

    [Fact]
    public async Task A_create_the_node_refuses_records_no_placement()
    {
        using var router = cluster.Router();
        using var refused = await router.PostAsJsonAsync("/v1/tenants", new { id = "refused-1", limits = new { maxConcurrentInstances = 0 } });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.NotNull(RouterApi.Node(refused)); // the node's own answer, passed through
        Assert.DoesNotContain("refused-1", (await cluster.PlacementsAsync()).Keys);
        using var unknown = await router.GetAsync("/v1/tenants/refused-1");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Null(RouterApi.Node(unknown)); // answered by the router: it does not know the tenant

        // The same id created properly is placed.
        var created = await cluster.CreateTenantAsync("refused-1");
        Assert.Equal(created.Node, (await cluster.PlacementsAsync())["refused-1"]);
    }

    [Fact]
    public async Task Creating_a_placed_tenant_again_goes_to_its_node_which_answers_409()
    {
        var first = await cluster.CreateTenantAsync("twice-1");
        using var router = cluster.Router();

        using var again = await router.PostAsJsonAsync("/v1/tenants", new { id = "twice-1" });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(first.Node, RouterApi.Node(again));
        Assert.Equal(first.Node, (await cluster.PlacementsAsync())["twice-1"]);
    }

    [Fact]
    public async Task A_tenant_deleted_through_the_router_leaves_the_placements()
    {
        var tenant = await cluster.CreateTenantAsync("deleted-1");
        using var router = cluster.Router();

        using var deleted = await router.DeleteAsync("/v1/tenants/deleted-1");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(tenant.Node, RouterApi.Node(deleted));
        Assert.DoesNotContain("deleted-1", (await cluster.PlacementsAsync()).Keys);
        using var gone = await router.GetAsync("/v1/tenants/deleted-1");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        Assert.Null(RouterApi.Node(gone));
    }

    [Fact]
    public async Task A_create_without_an_id_is_refused_by_the_router_and_changes_nothing()
    {
        using var router = cluster.Router();
        var before = await cluster.PlacementsAsync();

        using var response = await router.PostAsync("/v1/tenants", new StringContent("[1,2]", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await RouterApi.ProblemAsync(response);
        Assert.Equal("urn:skein:problem:invalid-request", problem.GetProperty("type").GetString());
        Assert.Equal(before, await cluster.PlacementsAsync());
    }

    [Fact]
    public async Task An_unknown_tenant_is_404_from_the_router_itself()
    {
        using var router = cluster.Router();

        using var response = await router.GetAsync("/v1/tenants/no-such-tenant/instances");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(RouterApi.Node(response));
        var problem = await RouterApi.ProblemAsync(response);
        Assert.Equal("urn:skein:problem:not-found", problem.GetProperty("type").GetString());
        Assert.Equal("Tenant 'no-such-tenant' does not exist.", problem.GetProperty("detail").GetString());
    }
}
