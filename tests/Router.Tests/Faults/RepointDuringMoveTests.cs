using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Skein.Router.Moves;
using Skein.Router.Placement;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// A re-point of a tenant that is being moved is refused (the move owns its placement until it is done or undone),
/// both at the endpoint and in the placement store's own transaction, which sees a move recorded meanwhile.
/// </summary>
public sealed class RepointDuringMoveTests
{
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
