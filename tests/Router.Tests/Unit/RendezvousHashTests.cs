using Skein.Router.Placement;

namespace Skein.Router.Tests.Unit;

public sealed class RendezvousHashTests
{
    [Fact]
    public void The_choice_is_the_same_in_every_process_and_does_not_depend_on_the_order_of_the_nodes()
    {
        // Written-down values: a change to the hash (or a switch to string.GetHashCode, which differs per process)
        // would move existing tenants' future creates elsewhere.
        Assert.Equal("a", RendezvousHash.Pick("acme", ["a", "b"]));
        Assert.Equal("a", RendezvousHash.Pick("acme", ["b", "a"]));
        Assert.Equal(10976492089052005076UL, RendezvousHash.Score("acme", "a"));
    }

    [Fact]
    public void Removing_a_node_moves_only_the_tenants_that_were_on_it()
    {
        var tenants = Enumerable.Range(0, 1000).Select(i => $"tenant-{i}").ToList();
        var three = tenants.ToDictionary(t => t, t => RendezvousHash.Pick(t, ["a", "b", "c"]));
        var two = tenants.ToDictionary(t => t, t => RendezvousHash.Pick(t, ["a", "b"]));

        Assert.All(tenants.Where(t => three[t] != "c"), t => Assert.Equal(three[t], two[t]));
        // And the spread is roughly even (each node gets between a quarter and a half of 1000 tenants).
        Assert.All(new[] { "a", "b", "c" }, n => Assert.InRange(three.Values.Count(v => v == n), 250, 500));
    }
}
