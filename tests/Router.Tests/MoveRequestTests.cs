using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Skein.Router.Tests.Cluster;
using Skein.Tests.Common;

namespace Skein.Router.Tests;

/// <summary>The move endpoint refuses bad requests with a ProblemDetails and changes nothing.</summary>
[Collection(RouterCollection.Name)]
public sealed class MoveRequestTests(RouterCluster cluster)
{
    [Fact]
    public async Task Bad_move_requests_are_refused_and_change_nothing()
    {
        var tenant = await cluster.CreateTenantAsync("move-bad");
        var other = MoveApi.OtherNode(tenant.Node);
        using var admin = cluster.Router();
        var placements = await cluster.PlacementsAsync();

        await AssertProblemAsync(admin, "/v1/tenants/no-such-tenant/move", $"{{\"to\":\"{other}\"}}", HttpStatusCode.NotFound, "not-found");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", "{\"to\":\"zz\"}", HttpStatusCode.BadRequest, "unknown-node");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", $"{{\"to\":\"{tenant.Node}\"}}", HttpStatusCode.Conflict, "already-on-node");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", "{}", HttpStatusCode.BadRequest, "invalid-request");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", $"{{\"to\":\"{other}\",\"force\":true}}", HttpStatusCode.BadRequest, "invalid-request");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", "not json", HttpStatusCode.BadRequest, "invalid-request");
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", $"{{\"to\":\"{other}\",\"x\":\"{new string('x', 8192)}\"}}",
            HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        using (var tenantKey = cluster.Router(tenant.ApiKey))
        {
            await AssertProblemAsync(tenantKey, "/v1/tenants/move-bad/move", $"{{\"to\":\"{other}\"}}", HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (var unknown = await admin.GetAsync("/v1/moves/mv-none"))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("urn:skein:problem:not-found", (await RouterApi.ProblemAsync(unknown)).GetProperty("type").GetString());
        }

        Assert.Equal(placements, await cluster.PlacementsAsync());
        Assert.Null(await cluster.LatestMoveAsync("move-bad"));

        // A second move while the first runs (it freezes, copies and restores: several node round trips) is refused.
        var move = await cluster.StartMoveAsync("move-bad", other);
        await AssertProblemAsync(admin, "/v1/tenants/move-bad/move", $"{{\"to\":\"{other}\"}}", HttpStatusCode.Conflict, "move-running");
        var done = await cluster.WaitForMoveAsync(move.GetProperty("id").GetString()!);
        Assert.Equal("done", done.GetProperty("state").GetString());
        Assert.Equal(other, (await cluster.PlacementsAsync())["move-bad"]);
    }

    [Fact]
    public async Task A_move_to_a_node_that_is_down_answers_503_with_Retry_After_and_records_nothing()
    {
        var tenant = await cluster.CreateTenantAsync("move-down");
        var other = MoveApi.OtherNode(tenant.Node);
        using var admin = cluster.Router();
        await cluster.KillHostAsync(other);
        try
        {
            await Eventually.UntilAsync(async () => await admin.GetFromJsonAsync<JsonElement>("/v1/nodes"),
                nodes => nodes.EnumerateArray().Any(n => n.GetProperty("id").GetString() == other && !n.GetProperty("healthy").GetBoolean()),
                $"the router to see node {other} down", RouterCluster.HealthDeadline);
            using var response = await admin.PostAsJsonAsync("/v1/tenants/move-down/move", new { to = other });
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            Assert.True(response.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "Retry-After is missing");
            var problem = await RouterApi.ProblemAsync(response);
            Assert.Equal("urn:skein:problem:node-unavailable", problem.GetProperty("type").GetString());
            Assert.Equal(other, problem.GetProperty("node").GetString());
            Assert.Null(await cluster.LatestMoveAsync("move-down"));
            Assert.Equal(tenant.Node, (await cluster.PlacementsAsync())["move-down"]);
        }
        finally
        {
            await cluster.StartHostAsync(other);
            await Eventually.UntilAsync(async () => await admin.GetFromJsonAsync<JsonElement>("/v1/nodes"),
                nodes => nodes.EnumerateArray().All(n => n.GetProperty("healthy").GetBoolean()),
                "the router to see both nodes up again", RouterCluster.HealthDeadline);
        }
    }

    private static async Task AssertProblemAsync(HttpClient client, string path, string body, HttpStatusCode status, string code)
    {
        using var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.True(status == response.StatusCode, $"{path} {body[..Math.Min(body.Length, 60)]}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("urn:skein:problem:" + code, (await RouterApi.ProblemAsync(response)).GetProperty("type").GetString());
    }
}
