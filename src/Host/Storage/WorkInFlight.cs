namespace Skein.Host.Storage;

/// <summary>
/// A test seam that says when a tenant's engine is idle: the work it has in hand (log writes queued or being
/// committed, tasks queued or running on an instance's scheduler, reads it sent to the thread pool) and the step
/// bodies and rollback handlers it is running. Tests that advance fake time wait for idle before asserting that
/// something did <i>not</i> happen, so a wake-up that is on its way is not mistaken for one that never comes.
/// </summary>
/// <remarks>
/// Counting is exact only if every hand-off counts the next piece of work before the previous one ends: a log write
/// ends after its result is handed to its awaiter (whose continuation on an instance's scheduler is queued, and so
/// counted, synchronously), work sent off the scheduler ends in the continuation that brings its result back. Step
/// bodies are tenant code that may never end on its own (a test gates it, or it waits for its timeout), so they are
/// counted apart and the caller says how many it expects to be running. Workflow code that leaves its scheduler
/// (<c>ConfigureAwait(false)</c>) is not counted until it calls the engine again. Two interlocked operations per
/// unit of work are all it costs.
/// </remarks>
internal sealed class WorkInFlight
{
    private int _work;
    private int _bodies;

    public void Enter() => Interlocked.Increment(ref _work);

    public void Exit() => Interlocked.Decrement(ref _work);

    public void EnterBody() => Interlocked.Increment(ref _bodies);

    public void ExitBody() => Interlocked.Decrement(ref _bodies);

    /// <summary>
    /// True when no engine work is in hand and exactly <paramref name="bodiesRunning"/> step bodies run. Bodies only
    /// start and end inside counted work, so a stable reading of the work count brackets the body count.
    /// </summary>
    public bool IsIdle(int bodiesRunning)
    {
        if (Volatile.Read(ref _work) != 0)
        {
            return false;
        }

        var bodies = Volatile.Read(ref _bodies);
        return bodies == bodiesRunning && Volatile.Read(ref _work) == 0;
    }
}
