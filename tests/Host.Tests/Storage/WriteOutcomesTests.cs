using System.Collections.Concurrent;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A log writer's outcomes reach their awaiters in commit order: a later batch is handed out only once the earlier
/// one has been. An instance with two writes in flight (a pause completing, and a resume queued behind it) relies on it.
/// </summary>
public sealed class WriteOutcomesTests
{
    /// <summary>How long a later batch is given to overtake a blocked earlier one; never waited out by a correct writer's test.</summary>
    private static readonly TimeSpan OvertakeWindow = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task A_later_batch_is_handed_out_only_after_the_earlier_one_was()
    {
        var work = new WorkInFlight();
        var outcomes = new WriteOutcomes(work);
        var handed = new ConcurrentQueue<string>();
        var first = new HeldWrite("first", handed);
        var second = new HeldWrite("second", handed);
        second.Let();
        work.Enter();
        work.Enter();

        outcomes.Committed([first]);
        await first.Reached.Task.WaitAsync(Eventually.DefaultDeadline);
        outcomes.Committed([second]);

        // Handing out the first is blocked: the second must not be handed out meanwhile, on this or any thread.
        Assert.False(await Overtook(second), "the later batch was handed out while the earlier one still was");
        first.Let();
        await second.Reached.Task.WaitAsync(Eventually.DefaultDeadline);
        await Eventually.Until(() => work.IsIdle(0), idle => idle, "both writes to stop counting as work in flight");
        Assert.Equal(["first", "second"], handed);
    }

    [Fact]
    public async Task A_failure_after_a_commit_is_handed_out_after_it()
    {
        var work = new WorkInFlight();
        var outcomes = new WriteOutcomes(work);
        var handed = new ConcurrentQueue<string>();
        var committed = new HeldWrite("committed", handed);
        var failed = new HeldWrite("failed", handed);
        failed.Let();
        work.Enter();
        work.Enter();

        outcomes.Committed([committed]);
        await committed.Reached.Task.WaitAsync(Eventually.DefaultDeadline);
        outcomes.Failed([failed], new IOException("disk gone"));

        Assert.False(await Overtook(failed), "the failure was handed out while the earlier commit still was");
        committed.Let();
        await failed.Reached.Task.WaitAsync(Eventually.DefaultDeadline);
        Assert.Equal(["committed", "failed: disk gone"], handed);
    }

    private static async Task<bool> Overtook(HeldWrite later) =>
        await Task.WhenAny(later.Reached.Task, Task.Delay(OvertakeWindow)) == later.Reached.Task;

    /// <summary>A write whose hand-out blocks until the test lets it go, recording the order of hand-outs.</summary>
    private sealed class HeldWrite(string name, ConcurrentQueue<string> handed) : LogWrite
    {
        private readonly ManualResetEventSlim _let = new();

        public TaskCompletionSource Reached { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Let() => _let.Set();

        public override void Execute(LogTransaction tx)
        {
        }

        public override void Complete() => Hand(name);

        public override void Fail(Exception error) => Hand($"{name}: {error.Message}");

        private void Hand(string what)
        {
            Reached.TrySetResult();
            _let.Wait(Eventually.DefaultDeadline);
            handed.Enqueue(what);
        }
    }
}
