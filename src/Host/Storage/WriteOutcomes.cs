using System.Collections.Concurrent;

namespace Skein.Host.Storage;

/// <summary>
/// Hands one log writer's finished writes (committed, or failed) to their awaiters on the thread pool, in the order
/// the writer finished them: one work item at a time per writer, each batch's awaiters resumed back to back on it
/// (<see cref="BatchedContinuations"/>) and never on the writer's thread, which goes on to the next batch.
/// </summary>
/// <remarks>
/// The order is the point: an instance can have two writes in flight (its run's, and a control's such as a resume
/// queued behind a pause completing), and whoever reads the outcome of the second must find the first's continuation
/// already run, as the log committed them. One work item per batch would let the pool run a later batch's
/// continuations first.
/// </remarks>
internal sealed class WriteOutcomes(WorkInFlight work) : IThreadPoolWorkItem
{
    private readonly ConcurrentQueue<(LogWrite[] Writes, Exception? Error)> _finished = new();
    private int _scheduled;

    /// <summary>The writes of a committed batch, in batch order; their <c>Ended</c> has run on the writer already.</summary>
    public void Committed(LogWrite[] writes) => Add(writes, null);

    /// <summary>Writes that failed with <paramref name="error"/> (nothing of them is durable).</summary>
    public void Failed(LogWrite[] writes, Exception error) => Add(writes, error);

    public void Execute()
    {
        while (true)
        {
            while (_finished.TryDequeue(out var finished))
            {
                BatchedContinuations.Run(static s => s.Outcomes.Hand(s.Finished), (Outcomes: this, Finished: finished));
            }

            Volatile.Write(ref _scheduled, 0);
            // A batch added after the queue looked empty, whose writer saw this item still scheduled, is ours to run.
            if (_finished.IsEmpty || Interlocked.Exchange(ref _scheduled, 1) == 1)
            {
                return;
            }
        }
    }

    private void Add(LogWrite[] writes, Exception? error)
    {
        _finished.Enqueue((writes, error));
        if (Interlocked.Exchange(ref _scheduled, 1) == 0)
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    private void Hand((LogWrite[] Writes, Exception? Error) finished)
    {
        foreach (var write in finished.Writes)
        {
            // The awaiter's continuation is queued (and counted) before the write stops counting.
            if (finished.Error is null)
            {
                write.Complete();
            }
            else
            {
                write.Fail(finished.Error);
            }

            work.Exit();
        }
    }
}
