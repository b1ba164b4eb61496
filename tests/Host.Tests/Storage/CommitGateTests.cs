using Skein.Host.Storage;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The commit gate's counts are what commit-gated tests order their races by: they must change when the test lets a
/// batch through, not when the writer's thread gets round to waking (on a loaded machine, long after).
/// </summary>
public sealed class CommitGateTests
{
    [Fact]
    public void A_batch_let_through_stops_counting_as_held_before_its_writer_wakes()
    {
        // Many rounds: the writer's thread wakes at a time of the scheduler's choosing, and in every round the counts
        // must already be right when ReleaseOne returns.
        for (var round = 0; round < 2000; round++)
        {
            using var gate = new CommitGate();
            var first = Writer(gate, writes: 3);
            var second = Writer(gate, writes: 2);
            Assert.Equal((2, 5), (gate.BatchesHeld, gate.WritesHeld));

            gate.ReleaseOne();

            Assert.Equal((1, 2), (gate.BatchesHeld, gate.WritesHeld));
            Assert.True(first.Join(TimeSpan.FromSeconds(30)), "the first writer to pass");
            Assert.True(second.IsAlive, "the second writer still held");
            gate.ReleaseOne();
            Assert.Equal((0, 0), (gate.BatchesHeld, gate.WritesHeld));
            Assert.True(second.Join(TimeSpan.FromSeconds(30)), "the second writer to pass");
        }
    }

    [Fact]
    public void A_release_given_before_any_batch_lets_the_next_one_through_uncounted()
    {
        using var gate = new CommitGate();
        gate.ReleaseOne();

        gate.Pass(4);

        Assert.Equal((0, 0), (gate.BatchesHeld, gate.WritesHeld));
        var held = Writer(gate, writes: 1);
        gate.Release();
        Assert.True(held.Join(TimeSpan.FromSeconds(30)), "the held writer to pass");
        Assert.Equal(0, gate.BatchesHeld);
    }

    private static Thread Writer(CommitGate gate, int writes)
    {
        // One thread per writer, as the log writer's is: Pass blocks it.
        var before = gate.BatchesHeld;
        var thread = new Thread(() => gate.Pass(writes)) { IsBackground = true };
        thread.Start();
        // The next writer starts once this one is held, so batches reach the gate in the order the writers start.
        Assert.True(SpinWait.SpinUntil(() => gate.BatchesHeld > before, TimeSpan.FromSeconds(30)), "the batch to be held");
        return thread;
    }
}
