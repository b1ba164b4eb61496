using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

public sealed class SleepTests
{
    [Fact]
    public async Task A_sleeping_instance_is_waiting_holds_no_slot_and_wakes_on_time()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 30);
        await t.WaitForStatusAsync(id, "waiting");
        await Eventually.Until(() => t.Runtimes.Runtime(TestEngine.Tenant).Slots.Running == 0, "the waiting instance to give its slot back");

        await t.AdvanceAndSettleAsync(TimeSpan.FromMinutes(29));
        Assert.Equal("waiting", t.Describe(id).Status);
        t.Advance(TimeSpan.FromMinutes(1));

        await t.WaitForStatusAsync(id, "complete");
        var nap = t.Describe(id).Steps.Single(s => s.Name == "nap");
        Assert.Equal("sleep", nap.Type);
        Assert.True(nap.Finished);
        Assert.Equal(TimeSpan.FromMinutes(30), nap.End - nap.Start);
        Assert.Equal(1, Probe.For(id).Count("before"));
    }

    [Fact]
    public async Task A_sleep_wakes_after_an_engine_restart()
    {
        using var t = new TestEngine(typeof(Sleeper));
        var id = await t.CreateAsync("sleeper", 10);
        await t.WaitForStatusAsync(id, "waiting");

        t.Restart();
        t.Advance(TimeSpan.FromMinutes(10));

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, Probe.For(id).Count("before"));
        Assert.Equal(1, Probe.For(id).Count("after"));
    }
}
