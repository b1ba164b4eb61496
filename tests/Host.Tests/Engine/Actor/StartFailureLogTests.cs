using Skein.Host.Engine;
using Skein.Host.Tests.Engine.Lifecycle;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Actor;

/// <summary>
/// A start that fails in the engine (the workflow's code could not be loaded) is told to the operator: an error
/// (event 9350) naming the instance, its tenant, when it is tried again, and the failure.
/// </summary>
public sealed class StartFailureLogTests
{
    [Fact]
    public async Task A_start_that_fails_in_the_engine_is_logged_with_the_instance_and_the_retry_delay()
    {
        FailingResolver? resolver = null;
        using var t = new TestEngine(new EngineOptions(), inner => resolver = new FailingResolver(inner, failures: 1), typeof(ThreeSteps));

        var id = await t.CreateAsync("three-steps");
        await Eventually.Until(() => resolver!.FailuresLeft == 0, "the first start to fail");
        await t.WaitUntilIdleAsync();

        var logged = Assert.Single(t.Logs.Entries, e => e.EventId == EventIds.InstanceStartFailed);
        Assert.Equal($"Starting instance {id} of tenant t1 failed in the engine; it is woken again in 00:00:05", logged.Message);
        Assert.IsType<IOException>(logged.Exception);

        t.Advance(TimeSpan.FromSeconds(5));
        await t.WaitForStatusAsync(id, "complete");
    }
}
