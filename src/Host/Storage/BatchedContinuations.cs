namespace Skein.Host.Storage;

/// <summary>
/// Lets a thread-pool thread that completes awaited work run the instances' schedulers it wakes itself, one after
/// another once the completing is done, instead of queueing one thread-pool item per scheduler: a committed batch of
/// writes costs one work item, and a step body that ended on a pool thread hands its instance the thread it ran on.
/// </summary>
/// <remarks>
/// Only a pool thread with nothing else to do may call <see cref="Run{TState}"/>, never the log writer's thread:
/// the drains run workflow code, and a slow workflow must not stall a tenant's commits. A step body never runs in a
/// drain (it is queued to the pool), so a body that blocks stalls no other instance.
/// </remarks>
internal static class BatchedContinuations
{
    [ThreadStatic]
    private static List<IThreadPoolWorkItem>? t_deferred;

    [ThreadStatic]
    private static bool t_collecting;

    /// <summary>
    /// Inside <see cref="Run{TState}"/> on this thread, takes <paramref name="drain"/> to run after the completing
    /// ends and returns true; otherwise returns false and the caller queues it to the pool as usual.
    /// </summary>
    public static bool TryDefer(IThreadPoolWorkItem drain)
    {
        if (!t_collecting)
        {
            return false;
        }

        t_deferred!.Add(drain);
        return true;
    }

    /// <summary>Runs <paramref name="complete"/>, then on this thread every drain it deferred, in order.</summary>
    public static void Run<TState>(Action<TState> complete, TState state)
    {
        if (t_collecting)
        {
            complete(state);
            return;
        }

        var deferred = t_deferred ??= [];
        t_collecting = true;
        try
        {
            complete(state);
        }
        finally
        {
            t_collecting = false;
            // A Run reached from inside a drain below collects into a list of its own.
            t_deferred = null;
        }

        var next = 0;
        try
        {
            while (next < deferred.Count)
            {
                deferred[next++].Execute();
            }
        }
        finally
        {
            // A drain does not throw (a scheduler keeps its tasks' failures in the tasks); should one, the drains
            // after it still run, elsewhere.
            for (; next < deferred.Count; next++)
            {
                ThreadPool.UnsafeQueueUserWorkItem(deferred[next], preferLocal: false);
            }

            deferred.Clear();
            t_deferred = deferred;
        }
    }
}
