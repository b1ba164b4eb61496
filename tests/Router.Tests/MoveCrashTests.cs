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
    private const string RestartedError = "the router restarted during the move; undone";

    [Theory]
    [InlineData("freezing")]
    [InlineData("copying")]
    [InlineData("restoring")]
    [InlineData("switching")]
    public async Task A_router_killed_during_a_move_finishes_or_undoes_it_on_restart(string state)
    {
        var tenant = await CreateTenantWithInstancesAsync($"crash-{state}");
        var source = tenant.Node;
        var target = MoveApi.OtherNode(source);
        await KillRouterDuringMoveAsync(tenant, target, state);

        var started = await cluster.LatestMoveAsync(tenant.Id);
        Assert.True(started is not null, "the move was not journaled");
        var move = await cluster.WaitForMoveAsync(started.Value.GetProperty("id").GetString()!);
        var finished = state == "switching";
        if (finished)
        {
            Assert.Equal("done", move.GetProperty("state").GetString());
        }
        else
        {
            Assert.Equal("failed", move.GetProperty("state").GetString());
            Assert.Equal(RestartedError, move.GetProperty("error").GetString());
        }

        await AssertServedOnlyByAsync(tenant, finished ? target : source, finished ? source : target);
    }

    /// <summary>
    /// Killed in <c>restoring</c> while the target still verifies the archive (held at its commit point, as a slow
    /// restore is): the undo must not run ahead of that restore, or the restore would create the tenant on the target
    /// after the undo deleted it there, an unplaced copy. Once the restore has ended, the target still has no tenant.
    /// </summary>
    [Fact]
    public async Task A_router_killed_while_the_target_still_restores_leaves_no_copy_there_once_the_restore_ends()
    {
        var tenant = await CreateTenantWithInstancesAsync("crash-slow-restore");
        var source = tenant.Node;
        var target = MoveApi.OtherNode(source);
        await File.WriteAllTextAsync(cluster.RestoreHoldFile, "held by " + nameof(MoveCrashTests));
        try
        {
            await KillRouterDuringMoveAsync(tenant, target, "restoring");
            var started = await cluster.LatestMoveAsync(tenant.Id);
            Assert.True(started is not null, "the move was not journaled");
            var id = started.Value.GetProperty("id").GetString()!;

            // The restarted router undoes the move while the target's restore is still held: wait until the undo has
            // either ended or been told the target is still restoring, then let the restore reach its commit point.
            using var admin = cluster.Router();
            await Eventually.UntilAsync(async () => (await admin.GetFromJsonAsync<JsonElement>($"/v1/moves/{id}")).GetProperty("state").GetString(),
                s => s == "failed" || cluster.RouterOutput.Contains($"deleting tenant {tenant.Id} on node {target} failed", StringComparison.Ordinal),
                "the undo to end or to wait for the target's restore", MoveApi.MoveDeadline);
        }
        finally
        {
            File.Delete(cluster.RestoreHoldFile);
        }

        // The restore on the target ends one way or the other: abandoned (its client is gone) or swapped in.
        await Eventually.Until(() => cluster.HostOutput(target),
            o => o.Contains($"Restore of tenant {tenant.Id} abandoned", StringComparison.Ordinal)
                || o.Contains($"Tenant {tenant.Id} restored from a backup", StringComparison.Ordinal),
            "the target's restore to end", MoveApi.MoveDeadline);
        var move = await cluster.WaitForMoveAsync((await cluster.LatestMoveAsync(tenant.Id))!.Value.GetProperty("id").GetString()!);
        Assert.Equal("failed", move.GetProperty("state").GetString());
        Assert.Equal(RestartedError, move.GetProperty("error").GetString());
        await AssertServedOnlyByAsync(tenant, source, target);
    }

    private async Task<CreatedTenant> CreateTenantWithInstancesAsync(string id)
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync(id);
        using var client = cluster.Router(tenant.ApiKey);
        for (var i = 0; i < 3; i++)
        {
            using var made = await client.PostAsJsonAsync($"/v1/tenants/{tenant.Id}/workflows/ticket/instances",
                new { id = $"i-{i}", @params = new { text = $"i-{i}" } });
            Assert.Equal(HttpStatusCode.Created, made.StatusCode);
        }

        return tenant;
    }

    /// <summary>Starts a move on a router that kills itself once the move entered <paramref name="state"/>, then restarts it.</summary>
    private async Task KillRouterDuringMoveAsync(CreatedTenant tenant, string target, string state)
    {
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
    }

    /// <summary>
    /// The placement names <paramref name="holder"/>, which serves the tenant unfrozen; <paramref name="other"/> does not
    /// have it; every instance is intact: acked, each completes with its step run once.
    /// </summary>
    private async Task AssertServedOnlyByAsync(CreatedTenant tenant, string holder, string other)
    {
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
