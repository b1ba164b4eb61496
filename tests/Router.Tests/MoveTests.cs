using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>
/// A tenant moved while its clients keep using it: instances being created, stepping, sleeping and waiting for
/// events, events sent throughout. Clients retry the 503s of the frozen window after Retry-After; nothing is lost.
/// </summary>
[Collection(RouterCollection.Name)]
public sealed class MoveTests(RouterCluster cluster)
{
    private static readonly TimeSpan ClientDeadline = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task A_tenant_moved_under_load_completes_every_instance_on_the_target_with_nothing_lost()
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync("move-load");
        var source = tenant.Node;
        var target = MoveApi.OtherNode(source);
        using var client = cluster.Router(tenant.ApiKey);
        var unavailable = new StrongBox<int>();
        var created = new ConcurrentDictionary<string, string>(); // instance id → the ack's "by"
        var failures = new ConcurrentQueue<string>();

        async Task CreateAndAckAsync(string id, int sleepMs, bool ack)
        {
            using var made = await MoveApi.SendRetryingAsync(client, () => MoveApi.Post(
                $"/v1/tenants/{tenant.Id}/workflows/ticket/instances", new { id, @params = new { text = id, sleepMs } }), unavailable, ClientDeadline);
            if (made.StatusCode is not (HttpStatusCode.Created or HttpStatusCode.OK))
            {
                failures.Enqueue($"create {id}: {(int)made.StatusCode} {await made.Content.ReadAsStringAsync()}");
                return;
            }

            created[id] = "by-" + id;
            if (ack)
            {
                await AckAsync(id);
            }
        }

        async Task AckAsync(string id)
        {
            using var sent = await MoveApi.SendRetryingAsync(client, () => MoveApi.Post(
                $"/v1/tenants/{tenant.Id}/instances/{id}/events/ack", new { by = "by-" + id }), unavailable, ClientDeadline);
            if (sent.StatusCode != HttpStatusCode.Accepted)
            {
                failures.Enqueue($"ack {id}: {(int)sent.StatusCode} {await sent.Content.ReadAsStringAsync()}");
            }
        }

        // Before the move: instances waiting for their event, and others sleeping through the move.
        for (var i = 0; i < 10; i++)
        {
            await CreateAndAckAsync($"before-{i}", sleepMs: i % 2 == 0 ? 10 : 4000, ack: false);
        }

        using var stop = new CancellationTokenSource();
        var load = Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                // A new instance acked at once (its event waits for it), and an event for one created before the move.
                await CreateAndAckAsync($"during-{n}", sleepMs: n % 3 == 0 ? 1500 : 10, ack: true);
                if (n < 10)
                {
                    await AckAsync($"before-{n}");
                }
            }
        });

        var move = await cluster.StartMoveAsync(tenant.Id, target);
        Assert.Equal("freezing", move.GetProperty("state").GetString());
        Assert.Equal(source, move.GetProperty("from").GetString());
        Assert.Equal(target, move.GetProperty("to").GetString());
        var done = await cluster.WaitForMoveAsync(move.GetProperty("id").GetString()!);

        // Keep the load on a while after the switch, then stop it; every event of an earlier instance is sent by then.
        await Eventually.Until(() => created.Keys.Count(k => k.StartsWith("during-", StringComparison.Ordinal)) >= 20,
            "instances created after the move", ClientDeadline);
        await stop.CancelAsync();
        await load;

        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.True(done.GetProperty("unavailableMs").GetInt64() > 0, $"unavailableMs: {done}");
        Assert.Empty(failures);
        Assert.Equal(target, (await cluster.PlacementsAsync())[tenant.Id]);

        foreach (var (id, by) in created)
        {
            var described = await Eventually.UntilAsync(async () =>
            {
                using var response = await client.GetAsync($"/v1/tenants/{tenant.Id}/instances/{id}");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal(target, RouterApi.Node(response));
                return await response.Content.ReadFromJsonAsync<JsonElement>();
            }, d => d.GetProperty("status").GetString() is "complete" or "errored" or "terminated", $"{id} to complete", ClientDeadline);
            Assert.Equal("complete", described.GetProperty("status").GetString());
            Assert.Equal($"opened {id} acked by {by}", described.GetProperty("output").GetString());
            var open = Assert.Single(described.GetProperty("steps").EnumerateArray(), s => s.GetProperty("name").GetString() == "open");
            Assert.Equal(1, open.GetProperty("attempts").EnumerateArray().Count(a => a.GetProperty("success").GetBoolean()));
        }

        // The source no longer has the tenant; the tenant's key works on its new node.
        using (var direct = cluster.Direct(source))
        using (var gone = await direct.GetAsync($"/v1/tenants/{tenant.Id}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        using var listed = await client.GetAsync($"/v1/tenants/{tenant.Id}/instances");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal(target, RouterApi.Node(listed));
    }
}
