using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// Stopping a tenant (here the node restarting) stops each of its actors in the background; a stop that fails (here a step's cancellation
/// callback throws) is logged with what failed, not lost because the tenant is gone.
/// </summary>
public sealed class FailedStopTests
{
    [Fact]
    public async Task A_stop_that_fails_is_logged_with_its_error()
    {
        using var t = new TestEngine(typeof(ThrowingCancellation));
        var id = await t.CreateAsync("throwing-cancellation");
        await Probe.For(id).WaitReachedAsync("body");

        t.Restart();

        var logged = await Eventually.Until(
            () => t.Logs.Entries.FirstOrDefault(e => e.EventId == 9351),
            e => e is not null, "the failed stop to be logged");
        Assert.Contains($"Background work (stop) of instance {id} of tenant t1 failed", logged!.Message, StringComparison.Ordinal);
        var error = Assert.IsType<AggregateException>(logged.Exception);
        Assert.Equal("the callback refuses to be cancelled", Assert.Single(error.Flatten().InnerExceptions).Message);
    }
}
