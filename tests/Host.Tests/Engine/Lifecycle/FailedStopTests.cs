using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Lifecycle;

/// <summary>
/// A step's cancellation callback is tenant code: one that throws is the tenant's fault, logged as a warning (event
/// 9361), and never stops the engine from terminating or stopping the instance — the kind covers every cancellation of
/// a token tenant code holds (terminate, terminate with rollback, a tenant's stop, a step attempt's timeout).
/// </summary>
public sealed class FailedStopTests
{
    [Fact]
    public async Task Terminating_an_instance_whose_step_throws_on_cancellation_terminates_it()
    {
        using var t = new TestEngine(typeof(ThrowingCancellation));
        var id = await t.CreateAsync("throwing-cancellation");
        await Probe.For(id).WaitReachedAsync("body");

        Assert.Equal(InstanceStatus.Terminated, await t.Engine.TerminateAsync(TestEngine.Tenant, id));

        Assert.Equal("terminated", t.Describe(id).Status);
        Assert.Equal(0, t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running);
        AssertTenantFaultLogged(t, id);
    }

    [Fact]
    public async Task A_node_restart_stops_such_an_instance_and_the_next_node_runs_it_to_the_end()
    {
        using var t = new TestEngine(typeof(ThrowingCancellation));
        var id = await t.CreateAsync("throwing-cancellation");
        await Probe.For(id).WaitReachedAsync("body");

        t.Restart();

        await Eventually.Until(() => t.Logs.Entries.Any(e => e.EventId == 9361), "the callback's failure to be logged");
        Assert.DoesNotContain(t.Logs.Entries, e => e.EventId == 9351);
        Probe.For(id).Open("body");
        await t.WaitForStatusAsync(id, "complete");
        AssertTenantFaultLogged(t, id);
    }

    private static void AssertTenantFaultLogged(TestEngine t, string id)
    {
        var logged = t.Logs.Entries.First(e => e.EventId == 9361);
        Assert.Contains($"A cancellation callback of instance {id} of tenant t1 threw", logged.Message, StringComparison.Ordinal);
        var error = Assert.IsType<AggregateException>(logged.Exception);
        Assert.Equal("the callback refuses to be cancelled", Assert.Single(error.Flatten().InnerExceptions).Message);
    }
}
