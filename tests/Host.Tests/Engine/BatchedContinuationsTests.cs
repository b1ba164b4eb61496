using System.Collections.Concurrent;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine;

/// <summary>
/// A committed batch hands out its writes on one thread-pool thread, which runs the instances' schedulers they wake
/// back to back, after the commit, and never on the log writer's own thread.
/// </summary>
public sealed class BatchedContinuationsTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly WorkInFlight _work = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_schedulers_a_completion_wakes_run_on_its_thread_in_order_once_it_is_done()
    {
        var woken = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var ran = new ConcurrentQueue<(int Index, int Thread, bool AfterCompleting)>();
        var completing = true;
        var awaiting = woken.Select((source, i) => Awaiting(source.Task, () => ran.Enqueue((i, Environment.CurrentManagedThreadId, !Volatile.Read(ref completing))))).ToArray();
        await Task.WhenAll(awaiting.Select(a => a.Started));

        var (thread, ranByReturn) = await Task.Run(() =>
        {
            BatchedContinuations.Run(static sources =>
            {
                foreach (var source in sources)
                {
                    source.SetResult();
                }
            }, woken);
            var count = ran.Count;
            Volatile.Write(ref completing, false);
            return (Environment.CurrentManagedThreadId, count);
        });

        await Task.WhenAll(awaiting.Select(a => a.Done));
        Assert.Equal(3, ranByReturn);
        Assert.Equal([0, 1, 2], ran.Select(r => r.Index));
        Assert.All(ran, r => Assert.Equal(thread, r.Thread));
    }

    [Fact]
    public async Task The_awaiters_of_a_committed_batch_resume_after_the_commit_on_a_pool_thread_not_the_writer()
    {
        var path = Path.Combine(_dir.Path, "tenants", "t1", "log.db");
        TenantLog.Open("t1", path).Dispose();
        using var writer = new LogWriter(path, "t1", _work);
        var gate = new CommitGate();
        writer.CommitGate = gate;
        var first = writer.WriteAsync(tx => tx.Execute("CREATE TABLE t (v TEXT)"));
        await Eventually.Until(() => gate.BatchesHeld, n => n == 1, "the first batch to wait at the gate");

        var resumed = new ConcurrentQueue<(bool PoolThread, string? ThreadName, int Rows)>();
        var awaiting = Enumerable.Range(0, 3).Select(i => new SerialTaskScheduler(() => { }, _work).Run(async () =>
        {
            var rows = await writer.WriteAsync(tx => tx.Execute("INSERT INTO t VALUES ($0)", $"v{i}"));
            resumed.Enqueue((Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name, rows));
        })).ToArray();
        await Eventually.Until(() => writer.Queued, n => n == 3, "the three writes to queue behind the held batch");
        Assert.Empty(resumed);

        gate.Release();
        await first;
        await Task.WhenAll(awaiting);

        Assert.Equal(3, resumed.Count);
        Assert.All(resumed, r =>
        {
            Assert.True(r.PoolThread, $"resumed on thread {r.ThreadName}");
            Assert.Equal(1, r.Rows);
        });
    }

    /// <summary>Awaits <paramref name="task"/> on a scheduler of its own, as an instance awaits its write.</summary>
    private (Task Started, Task Done) Awaiting(Task task, Action then)
    {
        // The scheduler runs dry once its task awaits: from then on, completing the task wakes the scheduler.
        var idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = new SerialTaskScheduler(() => idle.TrySetResult(), _work).Run(async () =>
        {
            await task;
            then();
        });
        return (idle.Task, done);
    }
}
