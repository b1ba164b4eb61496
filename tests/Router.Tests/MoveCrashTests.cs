using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>
/// The router killed (SIGKILL, by its <c>Router:Testing:KillAt</c> hook) the moment a move enters a state: restarted,
/// it undoes a move stopped before the switch (source unfrozen and serving, target without the tenant) and finishes
/// one stopped at the switch (target serving, source without the tenant). The tenant's instances carry on either way.
/// </summary>
[Collection(RouterCollection.Name)]
public sealed class MoveCrashTests(RouterCluster cluster)
{
    [Theory]
    [InlineData("freezing")]
    [InlineData("copying")]
    [InlineData("switching")]
    public async Task A_router_killed_during_a_move_finishes_or_undoes_it_on_restart(string state)
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync($"crash-{state}");
        var source = tenant.Node;
        var target = MoveApi.OtherNode(source);
        using (var client = cluster.Router(tenant.ApiKey))
        {
            for (var i = 0; i < 3; i++)
            {
                using var made = await client.PostAsJsonAsync($"/v1/tenants/{tenant.Id}/workflows/ticket/instances",
                    new { id = $"i-{i}", @params = new { text = $"i-{i}" } });
                Assert.Equal(HttpStatusCode.Created, made.StatusCode);
            }
        }

        try
        {
            await cluster.RestartRouterWithAsync($"--Router:Testing:KillAt={state}");
            using (var admin = cluster.Router())
            {
                try
                {
                    // The router may die before its 202 is out: the journal says what was accepted.
                    using var _ = await admin.PostAsJsonAsync($"/v1/tenants/{tenant.Id}/move", new { to = target });
                }
                catch (HttpRequestException)
                {
                }
            }

            await cluster.WaitForRouterExitAsync(MoveApi.MoveDeadline);
        }
        finally
        {
            await cluster.RestartRouterAsync(RouterCluster.NodeIds);
        }

        var started = await cluster.LatestMoveAsync(tenant.Id);
        Assert.True(started is not null, "the move was not journaled");
        var move = await cluster.WaitForMoveAsync(started.Value.GetProperty("id").GetString()!);
        var finished = state == "switching";
        var holder = finished ? target : source;
        var other = finished ? source : target;
        if (finished)
        {
            Assert.Equal("done", move.GetProperty("state").GetString());
        }
        else
        {
            Assert.Equal("failed", move.GetProperty("state").GetString());
            Assert.Equal("the router restarted during the move; undone", move.GetProperty("error").GetString());
        }

        Assert.Equal(holder, (await cluster.PlacementsAsync())[tenant.Id]);
        using (var direct = cluster.Direct(holder))
        {
            var shown = await direct.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant.Id}");
            Assert.False(shown.GetProperty("frozen").GetBoolean());
        }

        using (var direct = cluster.Direct(other))
        using (var gone = await direct.GetAsync($"/v1/tenants/{tenant.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        // Every instance is intact on the node that holds the tenant: acked, each completes with its step run once.
        using var tenantClient = cluster.Router(tenant.ApiKey);
        for (var i = 0; i < 3; i++)
        {
            using var sent = await tenantClient.PostAsJsonAsync($"/v1/tenants/{tenant.Id}/instances/i-{i}/events/ack", new { by = "after" });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            Assert.Equal(holder, RouterApi.Node(sent));
        }

        for (var i = 0; i < 3; i++)
        {
            var described = await Eventually.UntilAsync(
                () => tenantClient.GetFromJsonAsync<JsonElement>($"/v1/tenants/{tenant.Id}/instances/i-{i}"),
                d => d.GetProperty("status").GetString() is "complete" or "errored" or "terminated", $"i-{i} to complete", MoveApi.MoveDeadline);
            Assert.Equal($"opened i-{i} acked by after", described.GetProperty("output").GetString());
            var open = Assert.Single(described.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "open");
            Assert.Equal(1, open.GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("success").GetBoolean()));
        }
    }
}
