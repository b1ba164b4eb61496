using Skein.Host.Engine;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.Execution;

/// <summary>
/// A run whose workflow only waits writes <c>waiting</c> and leaves memory (or parks). A wait that ends while that
/// write is on its way (the sleep's timer fires) must not be lost: the run stays in memory and goes on, instead of
/// leaving with the wake in flight and the instance stuck. The commit gate holds the <c>waiting</c> write so the
/// timer fires in between, every time.
/// </summary>
public sealed class SuspendRaceTests
{
    [Theory]
    [InlineData(0)] // the cache off: a run that left memory would end with its wake in flight
    [InlineData(10_000)] // the default: it would park as if nothing had woken it
    public async Task A_sleep_that_ends_while_waiting_is_being_committed_still_wakes_the_run(int cached)
    {
        using var t = new TestEngine(new EngineOptions { MaxCachedExecutions = cached }, typeof(GatedSleeper));
        var id = await t.CreateAsync("gated-sleeper", 30);
        var probe = Probe.For(id);
        await probe.WaitReachedAsync("body");

        using var gate = t.Log.HoldCommits();
        probe.Open("body");
        await ReleaseUntilHeldAfterAsync(t, gate, () => t.Describe(id).Steps.Any(s => s.Name == "before" && s.Status == "complete"), "step 'before'");
        await ReleaseUntilHeldAfterAsync(t, gate, () => t.Describe(id).Steps.Any(s => s.Name == "nap"), "the sleep's start");
        // Held now: the run's `waiting` mark. The sleep's timer fires before it commits.
        t.Advance(TimeSpan.FromMinutes(30));
        await Eventually.Until(() => t.Log.QueuedWrites, n => n > 0, "the sleep's end queued behind the waiting mark");

        gate.Release();

        await t.WaitForStatusAsync(id, "complete");
        Assert.Equal(1, probe.Count("after"));
    }

    /// <summary>Lets the held batch commit, then waits until <paramref name="committed"/> reads it and the next batch is held.</summary>
    private static async Task ReleaseUntilHeldAfterAsync(TestEngine t, Skein.Host.Storage.CommitGate gate, Func<bool> committed, string what)
    {
        await Eventually.Until(() => gate.BatchesHeld, n => n > 0, $"the batch of {what} held");
        gate.ReleaseOne();
        await Eventually.Until(() => (Committed: committed(), Held: gate.BatchesHeld), v => v.Committed && v.Held > 0,
            $"{what} committed and the next batch held");
        Assert.Equal(0, t.Log.QueuedWrites);
    }
}
