using System.Collections.Concurrent;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// An await whose task ends on the instance's scheduler resumes in place, in the same turn; one whose task ends on
/// any other thread is queued. Either way no two pieces of one instance's code run at once.
/// </summary>
public sealed class SchedulerInliningTests
{
    private readonly WorkInFlight _work = new();

    [Fact]
    public async Task An_async_method_ending_on_the_scheduler_resumes_its_awaiter_before_work_queued_meanwhile()
    {
        var order = new ConcurrentQueue<string>();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = new SerialTaskScheduler(() => idle.TrySetResult(), _work);

        var outer = scheduler.Run(async () =>
        {
            await Inner();
            order.Enqueue("awaiter resumed");
        });
        // Both awaits are pending (the scheduler ran dry) before the inner one's task completes.
        await idle.Task.WaitAsync(TimeSpan.FromMinutes(1));
        gate.SetResult();
        await outer.WaitAsync(TimeSpan.FromMinutes(1));
        await Eventually.Until(() => order.Count, n => n == 3, "the task queued meanwhile to run");

        Assert.Equal(["inner ended", "awaiter resumed", "queued meanwhile"], order);

        async Task Inner()
        {
            await gate.Task;
            _ = scheduler.Run(() =>
            {
                order.Enqueue("queued meanwhile");
                return Task.CompletedTask;
            });
            order.Enqueue("inner ended");
        }
    }

    [Fact]
    public async Task Awaits_ending_on_other_threads_never_run_two_pieces_of_one_instance_at_once()
    {
        var scheduler = new SerialTaskScheduler(() => { }, _work);
        var inside = 0;
        var most = 0;

        var chains = Enumerable.Range(0, 8).Select(_ => scheduler.Run(async () =>
        {
            Piece();
            for (var k = 0; k < 200; k++)
            {
                // Ends on a pool thread, then returns on the scheduler: the first resumption is queued, the second
                // (this loop's) runs in place.
                await Inner();
                Piece();
            }
        })).ToArray();
        await Task.WhenAll(chains).WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(1, most);

        async Task Inner()
        {
            await Task.Run(() => { });
            Piece();
        }

        void Piece()
        {
            var now = Interlocked.Increment(ref inside);
            var seen = Volatile.Read(ref most);
            while (now > seen && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
                seen = Volatile.Read(ref most);
            }

            Thread.SpinWait(2000);
            Interlocked.Decrement(ref inside);
        }
    }
}
