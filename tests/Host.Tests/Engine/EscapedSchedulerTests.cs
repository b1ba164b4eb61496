using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// Workflow code that awaits with <c>ConfigureAwait(false)</c> continues on the thread pool, off the instance's
/// scheduler; each durable call must bring it back, or the engine never sees the instance block and the wait is
/// never suspended (it stays <c>running</c>, holding its actor and slot).
/// </summary>
public sealed class EscapedSchedulerTests
{
    [Fact]
    public async Task A_sleep_called_after_leaving_the_scheduler_suspends_the_instance_and_wakes_it_in_order()
    {
        using var t = new TestEngine(typeof(EscapingSleeper));
        var id = await t.CreateAsync("escaping-sleeper", 30);

        await t.WaitForStatusAsync(id, "waiting");
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running == 0, "the waiting instance to give its slot back");
        t.Advance(TimeSpan.FromMinutes(30));

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("rested 1+2", described.Output!.GetValue<string>());
        Assert.Equal(["before", "nap", "after"], described.Steps.Select(s => s.Name));
        Assert.Equal(["before", "after"], Probe.For(id).Effects);
    }

    [Fact]
    public async Task An_instance_that_left_the_scheduler_replays_after_a_restart_without_running_a_step_twice()
    {
        using var t = new TestEngine(typeof(EscapingSleeper));
        var id = await t.CreateAsync("escaping-sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart();
        t.Advance(TimeSpan.FromMinutes(10));

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(["before", "nap", "after"], t.Describe(id).Steps.Select(s => s.Name));
        Assert.Equal(["before", "after"], Probe.For(id).Effects);
    }

    [Fact]
    public async Task An_event_wait_called_after_leaving_the_scheduler_suspends_the_instance_until_the_event()
    {
        using var t = new TestEngine(typeof(EscapingApproval));
        var id = await t.CreateAsync("escaping-approval", 60);

        await t.WaitForStatusAsync(id, "waiting");
        await t.Engine.SendEventAsync(TestEngine.Tenant, id, "approval", "\"carol\"");

        await t.WaitForStatusAsync(id, "complete");
        var described = t.Describe(id);
        Assert.Equal("approved by carol", described.Output!.GetValue<string>());
        Assert.Equal(["approval", "done"], described.Steps.Select(s => s.Name));
        Assert.Equal(["done"], Probe.For(id).Effects);
    }
}
