using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Skein.Router.Moves;
using Skein.Router.Placement;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// Re-points against fake nodes, where the router's log is at hand: a re-point is logged naming both nodes; one of
/// a tenant that is being moved is refused (the move owns its placement until it is done or undone), both at the
/// endpoint and in the placement store's own transaction, which sees a move recorded meanwhile.
/// </summary>
public sealed class RepointWithFakeNodesTests
{
    [Fact]
    public async Task A_re_point_is_recorded_at_once_and_logged_naming_both_nodes()
    {
        // Node a has lost the tenant (its disk was replaced); node b has it restored.
        await using var a = FakeNode.Start(exchange => exchange.RespondAsync(404, "application/problem+json", "{}"));
        await using var b = FakeNode.Start(exchange => exchange.Target == "/v1/tenants/acme"
            ? exchange.RespondAsync(200, "application/json", "{\"id\":\"acme\"}")
            : exchange.RespondAsync(200, "application/json", "{\"from\":\"b\"}"));
        await using var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { ["a"] = a.Url, ["b"] = b.Url });
        var placements = router.Services.GetRequiredService<PlacementStore>();
        Assert.Equal(RepointOutcome.Done, placements.Repoint("acme", "a"));

        using var client = router.Client();
        using var response = await client.PutAsJsonAsync("/v1/placements/acme", new { node = "b" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"tenant\":\"acme\",\"node\":\"b\"}", await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(router.Log.Entries, e => e.Id.Id == 9250);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Equal("Tenant acme re-pointed by the operator from node a to node b, which has it", entry.Message);
        using var tenant = router.Client("tenant-key");
        using var forwarded = await tenant.GetAsync("/v1/tenants/acme/instances");
        Assert.Equal("b", RouterApi.Node(forwarded));
        Assert.Equal("{\"from\":\"b\"}", await forwarded.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_tenant_being_moved_cannot_be_re_pointed()
    {
        // Both nodes say they have the tenant: only the running move stands in the way.
        static Task HasTenant(FakeExchange exchange) => exchange.RespondAsync(200, "application/json", "{\"id\":\"acme\"}");
        await using var a = FakeNode.Start(HasTenant);
        await using var b = FakeNode.Start(HasTenant);
        await using var router = await InProcessRouter.StartAsync(new Dictionary<string, Uri> { ["a"] = a.Url, ["b"] = b.Url });
        await router.CreateTenantAsync("acme");
        var placements = router.Services.GetRequiredService<PlacementStore>();
        var from = placements.Find("acme")!;
        var to = from == "a" ? "b" : "a";
        // Recorded, not run: the move stays in its first state for as long as the test needs.
        Assert.True(router.Services.GetRequiredService<MoveJournal>().TryStart(
            new Move("mv-test", "acme", from, to, MoveStates.Freezing, null, false, null, null, 0)));

        using var client = router.Client();
        using var response = await client.PutAsJsonAsync("/v1/placements/acme", new { node = to });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await RouterApi.ProblemAsync(response);
        Assert.Equal("urn:skein:problem:move-running", problem.GetProperty("type").GetString());
        Assert.Equal("Tenant 'acme' is being moved (move mv-test, GET /v1/moves/mv-test); wait until it is done or failed, then repeat this request. Nothing was changed.",
            problem.GetProperty("detail").GetString());
        Assert.Equal(RepointOutcome.MoveRunning, placements.Repoint("acme", to));
        Assert.Equal(from, placements.Find("acme"));
    }
}
