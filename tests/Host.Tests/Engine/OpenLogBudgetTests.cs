using Skein.Host.Storage;

namespace Skein.Host.Tests.Engine;

public sealed class OpenLogBudgetTests
{
    [Theory]
    [InlineData(1024L, 51)]     // (1024 − 256) / 15: a node under ulimit -n 1024 keeps its own descriptors
    [InlineData(4096L, 256)]
    [InlineData(300L, 16)]      // never below 16
    [InlineData(1_048_576L, 1024)] // never above 1,024
    public void The_default_cap_follows_the_descriptor_limit(long limit, int expected) =>
        Assert.Equal(expected, OpenLogBudget.FromLimit(limit));

    [Fact]
    public void A_configured_cap_wins_and_an_unreadable_limit_gives_128()
    {
        Assert.Equal(7, OpenLogBudget.Resolve(7));
        Assert.Equal(128, OpenLogBudget.FromLimit(null));
    }
}
