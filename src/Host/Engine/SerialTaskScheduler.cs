using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Runs the tasks queued to it one at a time, in order, on the thread pool, and calls <c>onIdle</c> (as a task of
/// its own) whenever its queue runs dry. An instance's workflow code and its engine bookkeeping run here, so they
/// never race each other and the engine knows exactly when the workflow is blocked.
/// </summary>
internal sealed class SerialTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    private readonly Queue<Task> _queue = new();
    private readonly Action _onIdle;
    private readonly WorkInFlight _work;
    private bool _draining;
    private bool _workSinceIdle;

    /// <param name="onIdle">Called whenever the queue runs dry.</param>
    /// <param name="work">Counts each task from its queuing to the end of its run, so tests can tell idle.</param>
    public SerialTaskScheduler(Action onIdle, WorkInFlight work)
    {
        _onIdle = onIdle;
        _work = work;
    }

    /// <summary>True when nothing is queued; callers hold a lock that also guards posting.</summary>
    public bool IsEmpty
    {
        get
        {
            lock (_queue)
            {
                return _queue.Count == 0;
            }
        }
    }

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs <paramref name="work"/> on this scheduler; its awaits come back here.</summary>
    public Task Run(Func<Task> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    /// <summary>Runs <paramref name="work"/> on this scheduler; its awaits come back here.</summary>
    public Task<T> Run<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.DenyChildAttach, this).Unwrap();

    void IThreadPoolWorkItem.Execute()
    {
        while (true)
        {
            Task? next;
            lock (_queue)
            {
                if (!_queue.TryDequeue(out next))
                {
                    if (!_workSinceIdle)
                    {
                        _draining = false;
                        return;
                    }

                    _workSinceIdle = false;
                    next = new Task(_onIdle);
                    // Queued behind nothing: the idle check runs next, still inside this drain.
                    next.Start(this);
                    _queue.TryDequeue(out next);
                    _workSinceIdle = false;
                }
                else
                {
                    _workSinceIdle = true;
                }
            }

            try
            {
                TryExecuteTask(next!);
            }
            finally
            {
                _work.Exit();
            }
        }
    }

    protected override void QueueTask(Task task)
    {
        _work.Enter();
        lock (_queue)
        {
            _queue.Enqueue(task);
            if (_draining)
            {
                return;
            }

            _draining = true;
        }

        // A thread completing a committed batch (or the body that just ended on it) drains this scheduler itself
        // once it is done, rather than waking another pool thread for it.
        if (!BatchedContinuations.TryDefer(this))
        {
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inlining would run workflow code on a foreign thread, outside the order this scheduler keeps.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) => false;

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }
}
