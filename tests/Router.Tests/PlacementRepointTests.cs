using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>
/// <c>PUT /v1/placements/{tenant}</c> <c>{node}</c>: after a node's disk is lost and its tenant restored from a backup on
/// another node, the operator points the router at the restored copy; requests go there at once and the placement
/// survives a router restart. Refused, changing nothing, when the named node is unknown or lacks the tenant, and
/// when the old node is up and still has it (that is a move).
/// </summary>
[Collection(RouterCollection.Name)]
public sealed class PlacementRepointTests(RouterCluster cluster)
{
    [Fact]
    public async Task A_tenant_restored_on_another_node_after_its_node_is_lost_is_re_pointed_there()
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync("lost-1");
        var lost = tenant.Node;
        var survivor = MoveApi.OtherNode(lost);
        using var router = cluster.Router(tenant.ApiKey);
        using var admin = cluster.Router();
        using (var created = await router.PostAsJsonAsync("/v1/tenants/lost-1/workflows/ticket/instances",
            new { id = "before", @params = new { text = "backed up" } }))
        {
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var archive = await admin.GetByteArrayAsync("/v1/tenants/lost-1/backup");
        await cluster.KillHostAsync(lost);
        try
        {
            await Eventually.UntilAsync(async () => (await router.GetAsync("/v1/tenants/lost-1/instances/before")).StatusCode,
                s => s == HttpStatusCode.ServiceUnavailable, "the lost node's tenant to answer 503", RouterCluster.HealthDeadline);

            // Not restored yet: refused, and the placement still names the lost node.
            using (var early = await admin.PutAsJsonAsync("/v1/placements/lost-1", new { node = survivor }))
            {
                Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
                var problem = await RouterApi.ProblemAsync(early);
                Assert.Equal("urn:skein:problem:tenant-not-on-node", problem.GetProperty("type").GetString());
                Assert.StartsWith($"Node '{survivor}' does not have tenant 'lost-1': restore it there first",
                    problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }

            Assert.Equal(lost, (await cluster.PlacementsAsync())["lost-1"]);

            using (var direct = cluster.Direct(survivor))
            using (var zip = new ByteArrayContent(archive))
            {
                zip.Headers.ContentType = new("application/zip");
                using var restored = await direct.PostAsync("/v1/tenants/lost-1/restore", zip);
                Assert.True(restored.StatusCode == HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
            }

            // A 503 (a health probe of the survivor timed out while it restored, on a loaded machine) changes nothing
            // and says to retry, as an operator would.
            var (status, body) = await Eventually.UntilAsync(async () =>
            {
                using var repointed = await admin.PutAsJsonAsync("/v1/placements/lost-1", new { node = survivor });
                return (repointed.StatusCode, await repointed.Content.ReadAsStringAsync());
            }, r => r.StatusCode != HttpStatusCode.ServiceUnavailable, "the re-point to be answered by a node seen healthy", RouterCluster.HealthDeadline);
            Assert.True(status == HttpStatusCode.OK, body);
            Assert.Equal($"{{\"tenant\":\"lost-1\",\"node\":\"{survivor}\"}}", body);

            // At once, with the tenant's own key (the archive carried its hashes): the instance carries on there.
            using (var found = await router.GetAsync("/v1/tenants/lost-1/instances/before"))
            {
                Assert.Equal(HttpStatusCode.OK, found.StatusCode);
                Assert.Equal(survivor, RouterApi.Node(found));
            }

            using (var acked = await router.PostAsJsonAsync("/v1/tenants/lost-1/instances/before/events/ack", new { by = "operator" }))
            {
                Assert.True(acked.IsSuccessStatusCode, await acked.Content.ReadAsStringAsync());
            }

            var done = await Eventually.UntilAsync(() => router.GetFromJsonAsync<JsonElement>("/v1/tenants/lost-1/instances/before"),
                d => d.GetProperty("status").GetString() == "complete", "the restored instance to complete", TimeSpan.FromSeconds(60));
            Assert.Equal("\"opened backed up acked by operator\"", done.GetProperty("output").GetRawText());

            // Recorded durably: a restarted router still sends the tenant to the survivor.
            await cluster.RestartRouterAsync(RouterCluster.NodeIds);
            Assert.Equal(survivor, (await cluster.PlacementsAsync())["lost-1"]);
            using var afterRestart = cluster.Router(tenant.ApiKey);
            using var again = await afterRestart.GetAsync("/v1/tenants/lost-1/instances/before");
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
            Assert.Equal(survivor, RouterApi.Node(again));
        }
        finally
        {
            // The node comes back with its old copy, which must not run beside the restored one: discard it first
            // thing (docs/operations.md, "When a node dies").
            await cluster.StartHostAsync(lost);
            using var direct = cluster.Direct(lost);
            await direct.DeleteAsync("/v1/tenants/lost-1");
            await Eventually.UntilAsync(async () => await cluster.Router().GetStringAsync("/v1/nodes"),
                json => !json.Contains("\"healthy\":false", StringComparison.Ordinal), "both nodes to be healthy again", RouterCluster.HealthDeadline);
        }

        using var cleanup = cluster.Router();
        using var deleted = await cleanup.DeleteAsync("/v1/tenants/lost-1");
        Assert.True(deleted.IsSuccessStatusCode, await deleted.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_re_point_the_nodes_contradict_is_refused_and_changes_nothing()
    {
        var tenant = await cluster.CreateTenantAsync("repoint-1");
        var other = MoveApi.OtherNode(tenant.Node);
        using var admin = cluster.Router();

        await AssertRefusedAsync(admin, "/v1/placements/repoint-1", new { node = "z" }, HttpStatusCode.BadRequest, "unknown-node",
            "'node' names node 'z', which is not in this router's configuration; the nodes are: a, b.");
        await AssertRefusedAsync(admin, "/v1/placements/repoint-1", new { to = other }, HttpStatusCode.BadRequest, "invalid-request", null);
        await AssertRefusedAsync(admin, "/v1/placements/Not_A_Tenant", new { node = other }, HttpStatusCode.BadRequest, "invalid-request",
            "'Not_A_Tenant' is not a tenant id: 1-63 lower-case letters, digits or '-', starting with a letter or digit.");
        await AssertRefusedAsync(admin, "/v1/placements/repoint-1", new { node = other }, HttpStatusCode.Conflict, "tenant-not-on-node", null);

        // A copy on the other node while its own node is up and has it: re-pointing would run it on two nodes.
        var archive = await admin.GetByteArrayAsync("/v1/tenants/repoint-1/backup");
        using var otherNode = cluster.Direct(other);
        using (var zip = new ByteArrayContent(archive))
        {
            zip.Headers.ContentType = new("application/zip");
            using var restored = await otherNode.PostAsync("/v1/tenants/repoint-1/restore", zip);
            Assert.True(restored.StatusCode == HttpStatusCode.OK, await restored.Content.ReadAsStringAsync());
        }

        try
        {
            await AssertRefusedAsync(admin, "/v1/placements/repoint-1", new { node = other }, HttpStatusCode.Conflict, "tenant-still-on-node",
                $"Tenant 'repoint-1' is placed on node '{tenant.Node}', which is up and still has it: pointing the router at '{other}' would " +
                $"leave it running on two nodes. Move it instead (POST /v1/tenants/repoint-1/move {{\"to\":\"{other}\"}}), or delete it on " +
                $"'{tenant.Node}' first. Nothing was changed.");
        }
        finally
        {
            await otherNode.DeleteAsync("/v1/tenants/repoint-1");
        }

        // Only the router's admin key.
        using (var tenantKey = cluster.Router(tenant.ApiKey))
        using (var refused = await tenantKey.PutAsJsonAsync("/v1/placements/repoint-1", new { node = tenant.Node }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        // Naming the node it is on already is a no-op.
        using (var same = await admin.PutAsJsonAsync("/v1/placements/repoint-1", new { node = tenant.Node }))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }

        Assert.Equal(tenant.Node, (await cluster.PlacementsAsync())["repoint-1"]);
        using var deleted = await admin.DeleteAsync("/v1/tenants/repoint-1");
        Assert.True(deleted.IsSuccessStatusCode);
    }

    private static async Task AssertRefusedAsync(HttpClient admin, string path, object body, HttpStatusCode status, string code, string? detail)
    {
        using var response = await admin.PutAsJsonAsync(path, body);
        Assert.Equal(status, response.StatusCode);
        var problem = await RouterApi.ProblemAsync(response);
        Assert.Equal("urn:skein:problem:" + code, problem.GetProperty("type").GetString());
        if (detail is not null)
        {
            Assert.Equal(detail, problem.GetProperty("detail").GetString());
        }
    }
}
