using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>
/// A node killed with SIGKILL: its tenants wait (503 + Retry-After naming the node), nothing is sent to the other
/// node, the other node's tenants keep working, and after a restart on the same data the tenants carry on.
/// </summary>
[Collection(RouterCollection.Name)]
public sealed class NodeFailureTests(RouterCluster cluster)
{
    [Fact]
    public async Task A_killed_node_answers_503_for_its_tenants_while_the_other_node_keeps_working()
    {
        var tenants = new List<CreatedTenant>();
        for (var i = 0; tenants.Select(t => t.Node).Distinct().Count() < 2 || tenants.Count < 4; i++)
        {
            tenants.Add(await cluster.CreateTenantWithTicketsAsync($"fail-{i}"));
        }

        var victim = tenants.First(t => t.Node == "a");
        var survivor = tenants.First(t => t.Node == "b");
        using var victimClient = cluster.Router(victim.ApiKey);
        using var survivorClient = cluster.Router(survivor.ApiKey);
        for (var i = 0; i < 3; i++)
        {
            using var created = await victimClient.PostAsJsonAsync($"/v1/tenants/{victim.Id}/workflows/ticket/instances",
                new { id = $"before-{i}", @params = new { text = $"t{i}" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        // The surviving node's tenant is used all through the outage; every answer must be a success.
        using var stop = new CancellationTokenSource();
        var failures = new List<string>();
        var served = 0;
        var load = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await survivorClient.PostAsJsonAsync($"/v1/tenants/{survivor.Id}/workflows/ticket/instances",
                    new { @params = new { text = "load" } });
                if (response.StatusCode != HttpStatusCode.Created || RouterApi.Node(response) != "b")
                {
                    failures.Add($"{(int)response.StatusCode} from {RouterApi.Node(response)}: {await response.Content.ReadAsStringAsync()}");
                }

                Interlocked.Increment(ref served);
            }
        });

        try
        {
            await cluster.KillHostAsync("a");

            // Within the health deadline the router reports the node down and answers for it.
            using var admin = cluster.Router();
            await Eventually.UntilAsync(async () => await admin.GetStringAsync("/v1/nodes"),
                nodes => nodes.Contains("{\"id\":\"a\",", StringComparison.Ordinal) && JsonDocument.Parse(nodes).RootElement.EnumerateArray()
                    .Single(n => n.GetProperty("id").GetString() == "a").GetProperty("healthy").GetBoolean() == false,
                "the router to see node a down", RouterCluster.HealthDeadline);
            using var refused = await victimClient.GetAsync($"/v1/tenants/{victim.Id}/instances/before-0");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing");
            Assert.Equal("a", RouterApi.Node(refused));
            var problem = await RouterApi.ProblemAsync(refused);
            Assert.Equal("urn:skein:problem:node-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal("a", problem.GetProperty("node").GetString());
            Assert.Contains("node 'a'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);

            // New tenants go to the node that is up; none is placed on the dead one.
            for (var i = 0; i < 6; i++)
            {
                var created = await cluster.CreateTenantAsync($"during-outage-{i}");
                Assert.Equal("b", created.Node);
            }

            // The merged list needs every node: it says which one is missing rather than leaving its tenants out.
            using var list = await admin.GetAsync("/v1/tenants");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, list.StatusCode);
            Assert.Equal(["a"], (await RouterApi.ProblemAsync(list)).GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));

            await Eventually.Until(() => Volatile.Read(ref served) > 3, "the surviving tenant to be served during the outage");
        }
        finally
        {
            await stop.CancelAsync();
            await load;
            await cluster.StartHostAsync("a");
        }

        Assert.Empty(failures);

        // Back up: the tenant answers again from its node, and its instances finish there.
        await Eventually.UntilAsync(async () => (await victimClient.GetAsync($"/v1/tenants/{victim.Id}/instances/before-0")).StatusCode,
            s => s == HttpStatusCode.OK, "node a's tenant to answer again", RouterCluster.HealthDeadline);
        for (var i = 0; i < 3; i++)
        {
            using var sent = await victimClient.PostAsJsonAsync($"/v1/tenants/{victim.Id}/instances/before-{i}/events/ack", new { by = "ops" });
            Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
            Assert.Equal("a", RouterApi.Node(sent));
        }

        for (var i = 0; i < 3; i++)
        {
            var done = await Eventually.UntilAsync(
                () => victimClient.GetFromJsonAsync<JsonElement>($"/v1/tenants/{victim.Id}/instances/before-{i}"),
                d => d.GetProperty("status").GetString() == "complete", $"before-{i} to complete", TimeSpan.FromSeconds(60));
            Assert.Equal($"opened t{i} acked by ops", done.GetProperty("output").GetString());
        }
    }
}
