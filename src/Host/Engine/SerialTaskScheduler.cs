using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Runs the tasks queued to it one at a time, in order, on the thread pool, and calls <c>onIdle</c> (as a task of
/// its own) whenever its queue runs dry. An instance's workflow code and its engine bookkeeping run here, so they
/// never race each other and the engine knows exactly when the workflow is blocked.
/// </summary>
internal sealed class SerialTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // The scheduler whose task this thread is running (the innermost, should a drain ever run inside another's task).
    [ThreadStatic]
    private static SerialTaskScheduler? t_running;

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

            var outer = t_running;
            t_running = this;
            try
            {
                TryExecuteTask(next!);
            }
            finally
            {
                t_running = outer;
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

    /// <summary>
    /// Runs a continuation at once when the thread asking is the one running this scheduler's current task: an
    /// async method of the engine or the workflow that ended there resumes its awaiter in place, instead of queuing
    /// it behind the tasks already queued (a task object, a lock and a counted hand-off per await). It is still the
    /// instance's one thread of control. Any other thread queues (it would run workflow code outside the order this
    /// scheduler keeps), and so does a task already queued (a <c>Wait</c> on it: it runs in its turn).
    /// </summary>
    /// <remarks>
    /// Only continuations that may run synchronously get here: the engine's own completion sources all run theirs
    /// asynchronously, so a committed write, an ended wait or a body's outcome still queues, in order; what runs
    /// inline is the awaiter of an async method that just returned, at the end of the task that ran it.
    /// </remarks>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        !taskWasPreviouslyQueued && t_running == this && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_queue)
        {
            return _queue.ToArray();
        }
    }
}
