using Skein.Tests.Common;

namespace Skein.Host.Tests.Logging;

/// <summary>
/// Every host log line's event id comes from the one registry (<see cref="EventIds"/>), once: an operator's filter on
/// an id matches one kind of line, and the router's registry never reuses a host id.
/// </summary>
public sealed class EventIdRegistryTests
{
    [Fact]
    public void The_registry_has_no_duplicate_ids()
    {
        var registry = LogEventIds.Registry(typeof(EventIds));
        Assert.Empty(registry.GroupBy(p => p.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Key))}"));
    }

    [Fact]
    public void Every_logger_message_of_the_host_uses_a_registry_id_of_its_own()
    {
        var registry = LogEventIds.Registry(typeof(EventIds));
        var used = LogEventIds.Used(typeof(EventIds).Assembly);

        Assert.True(used.Count >= 70, $"only {used.Count} [LoggerMessage] methods found: does the attribute still reach the assembly?");
        Assert.Empty(used.Where(u => !registry.Values.Contains(u.Id)).Select(u => $"{u.Method} uses {u.Id}, not in EventIds"));
        Assert.Empty(used.GroupBy(u => u.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(u => u.Method))}"));
        Assert.Empty(registry.Where(p => used.All(u => u.Id != p.Value)).Select(p => $"EventIds.{p.Key} ({p.Value}) is used by no line"));
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
