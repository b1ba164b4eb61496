using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>An execution left with only waits records <c>waiting</c>; a wait that ends meanwhile keeps it running.</summary>
public sealed class SuspensionTests
{
    [Fact]
    public async Task A_sleep_that_ends_while_waiting_is_being_recorded_lets_the_run_go_on_to_its_end()
    {
        using var t = new TestEngine(typeof(GatedSleeper));
        var id = await t.CreateAsync("gated-sleeper", 1);
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        using var gate = t.Log.HoldCommits();
        probe.Open("body");
        // Let "before" and then the sleep commit; the next batch held is the one recording the instance waiting.
        await Eventually.Until(() => gate.BatchesHeld, n => n > 0, "the step 'before' held at the commit gate");
        gate.ReleaseOne();
        await Eventually.Until(() => (Before: t.Describe(id).Steps.Any(s => s.Name == "before"), Held: gate.BatchesHeld),
            v => v.Before && v.Held > 0, "the step 'before' committed and the sleep held");
        gate.ReleaseOne();
        await Eventually.Until(() => (Nap: t.Describe(id).Steps.Any(s => s.Name == "nap"), Held: gate.BatchesHeld),
            v => v.Nap && v.Held > 0, "the sleep committed and the waiting mark held");

        // The sleep is due while the waiting mark is still being written: its end is queued behind it.
        t.Advance(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => t.Log.QueuedWrites, n => n > 0, "the sleep's end queued");
        gate.Release();

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("after"));
    }
}
