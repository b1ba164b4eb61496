using Skein.Tests.Common;

namespace Skein.Router.Tests.Unit;

/// <summary>Every router log line's event id comes from the router's registry (<see cref="EventIds"/>), once.</summary>
public sealed class EventIdRegistryTests
{
    [Fact]
    public void The_registry_has_no_duplicate_ids()
    {
        var registry = LogEventIds.Registry(typeof(EventIds));
        Assert.Empty(registry.GroupBy(p => p.Value).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(p => p.Key))}"));
    }

    [Fact]
    public void Every_logger_message_of_the_router_uses_a_registry_id_of_its_own()
    {
        var registry = LogEventIds.Registry(typeof(EventIds));
        var used = LogEventIds.Used(typeof(EventIds).Assembly);

        Assert.True(used.Count >= 22, $"only {used.Count} [LoggerMessage] methods found: does the attribute still reach the assembly?");
        Assert.Empty(used.Where(u => !registry.Values.Contains(u.Id)).Select(u => $"{u.Method} uses {u.Id}, not in EventIds"));
        Assert.Empty(used.GroupBy(u => u.Id).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(u => u.Method))}"));
        Assert.Empty(registry.Where(p => used.All(u => u.Id != p.Value)).Select(p => $"EventIds.{p.Key} ({p.Value}) is used by no line"));
    }
}
