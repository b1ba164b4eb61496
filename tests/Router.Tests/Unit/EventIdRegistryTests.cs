using Skein.Tests.Common;

namespace Skein.Router.Tests.Unit;

/// <summary>Every router log line's event id comes from the router's registry (<see cref="EventIds"/>), once.</summary>
public sealed class EventIdRegistryTests
{
    [Fact]
    public void The_registry_has_no_duplicate_ids() => Assert.Empty(LogEventIds.DuplicateIds(typeof(EventIds)));

    [Fact]
    public void Every_logger_message_of_the_router_uses_a_registry_id_of_its_own()
    {
        var used = LogEventIds.Used(typeof(EventIds).Assembly);
        Assert.True(used.Count >= 22, $"only {used.Count} [LoggerMessage] methods found: does the attribute still reach the assembly?");
        Assert.Empty(LogEventIds.Misuses(typeof(EventIds)));
    }
}
