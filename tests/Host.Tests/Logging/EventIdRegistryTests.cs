using Skein.Tests.Common;

namespace Skein.Host.Tests.Logging;

/// <summary>
/// Every host log line's event id comes from the one registry (<see cref="EventIds"/>), once: an operator's filter on
/// an id matches one kind of line, and the router's registry never reuses a host id.
/// </summary>
public sealed class EventIdRegistryTests
{
    [Fact]
    public void The_registry_has_no_duplicate_ids() => Assert.Empty(LogEventIds.DuplicateIds(typeof(EventIds)));

    [Fact]
    public void Every_logger_message_of_the_host_uses_a_registry_id_of_its_own()
    {
        var used = LogEventIds.Used(typeof(EventIds).Assembly);
        Assert.True(used.Count >= 70, $"only {used.Count} [LoggerMessage] methods found: does the attribute still reach the assembly?");
        Assert.Empty(LogEventIds.Misuses(typeof(EventIds)));
    }

    [Fact]
    public void No_logger_message_in_the_host_or_the_router_spells_its_id_as_a_number()
    {
        var root = LogEventIds.RepoRoot();
        Assert.Empty(LogEventIds.LiteralIds(Path.Combine(root, "src", "Host")).Concat(LogEventIds.LiteralIds(Path.Combine(root, "src", "Router"))));
    }

    [Fact]
    public void The_host_and_the_router_registries_share_no_id()
    {
        var root = LogEventIds.RepoRoot();
        var host = LogEventIds.DeclaredIn(Path.Combine(root, "src", "Host", "EventIds.cs"));
        var router = LogEventIds.DeclaredIn(Path.Combine(root, "src", "Router", "EventIds.cs"));

        Assert.Equal(LogEventIds.Registry(typeof(EventIds)).Values.Order(), host.Order());
        Assert.NotEmpty(router);
        Assert.Empty(host.Intersect(router));
    }
}
