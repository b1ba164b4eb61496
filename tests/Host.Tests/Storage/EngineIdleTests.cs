using Skein.Host.Tests.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// When a tenant's engine counts as idle (<see cref="Skein.Host.Storage.WorkInFlight"/>): no work in hand and exactly
/// the step bodies the caller expects running. A wait for idle with none expected must not end while a body runs,
/// or a test that advances time and asserts nothing happened would assert it before the step's outcome landed.
/// </summary>
public sealed class EngineIdleTests
{
    [Fact]
    public async Task The_engine_is_not_idle_with_no_step_body_running_while_one_runs()
    {
        using var t = new TestEngine(typeof(Gated));
        var id = await t.CreateAsync("gated");
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        await t.WaitUntilIdleAsync(stepBodiesRunning: 1);
        var runtime = t.Runtimes.Runtime(TestEngine.Tenant);
        Assert.False(runtime.IsIdle(stepBodiesRunning: 0), "idle with no body running while the step's body waits at its gate");
        Assert.False(runtime.IsIdle(stepBodiesRunning: 2));

        probe.Open("body");
        await t.WaitForStatusAsync(id, "complete");
        await t.WaitUntilIdleAsync();
        Assert.False(runtime.IsIdle(stepBodiesRunning: 1), "a body counted as running after the instance completed");
    }
}
