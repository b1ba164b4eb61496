using Skein.Host.Storage;

namespace Skein.Host.Engine;

/// <summary>
/// Runs tenant code (a step attempt's body, a rollback handler) on the thread pool, bounded by a deadline fixed
/// before it started: its outcome, a <see cref="TimeoutException"/> once the clock reads the deadline (<see cref="IsDeadline"/>), or cancelled
/// with the execution. One task carries whichever comes first, so the instance's scheduler awaits one thing.
/// </summary>
/// <remarks>
/// A body that ends synchronously (most do) hands its instance the pool thread it ran on: the scheduler's
/// continuation runs there (<see cref="BatchedContinuations"/>) instead of in another work item. The deadline is one
/// timer, disposed with the body; it fires on the timer's thread, so a body that blocks still times out.
/// </remarks>
internal sealed class StepBody<T> : IDisposable
{
    // Its awaiter is on the instance's scheduler, which queues (or, inside BatchedContinuations, defers) the
    // continuation either way; asynchronous continuations keep any other awaiter off the completing thread.
    private readonly TaskCompletionSource<T> _outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // The deadline's own exception, told apart by identity: the body may throw a TimeoutException of its own
    // (an HTTP client's, a driver's), which is an ordinary failure of the attempt, not the step's deadline.
    private readonly TimeoutException _deadlineReached = new();
    private readonly Func<Task<T>> _body;
    private readonly TimeProvider _time;
    private readonly long _deadlineMs;
    private ITimer? _timer;
    private CancellationTokenRegistration _cancelled;

    private StepBody(Func<Task<T>> body, TimeProvider time, long deadlineMs)
    {
        _body = body;
        _time = time;
        _deadlineMs = deadlineMs;
    }

    /// <summary>The body's outcome, or the deadline's or the cancellation's if it comes first.</summary>
    public Task<T> Outcome => _outcome.Task;

    /// <summary>Whether <paramref name="error"/>, thrown by awaiting <see cref="Outcome"/>, is the deadline's.</summary>
    public bool IsDeadline(Exception error) => ReferenceEquals(error, _deadlineReached);

    /// <summary>Starts <paramref name="body"/> on the thread pool; dispose the result once its outcome is known.</summary>
    public static StepBody<T> Start(Func<Task<T>> body, TimeProvider time, long deadlineMs, CancellationToken ct)
    {
        var run = new StepBody<T>(body, time, deadlineMs);
        run._timer = time.CreateTimer(static s => ((StepBody<T>)s!).OnTimer(), run,
            Clock.TimerDelay(deadlineMs - time.Now()), Timeout.InfiniteTimeSpan);
        if (time.Now() >= deadlineMs)
        {
            // The clock moved past the deadline between reading it and arming the timer.
            run._outcome.TrySetException(run._deadlineReached);
        }

        run._cancelled = ct.UnsafeRegister(static s => ((StepBody<T>)s!)._outcome.TrySetCanceled(), run);
        // Flows the execution context, as Task.Run did: the body sees the attempt's activity and the caller's scopes.
        ThreadPool.QueueUserWorkItem(static run => run.RunBody(), run, preferLocal: true);
        return run;
    }

    public void Dispose()
    {
        _timer?.Dispose();
        // Unregister, not Dispose: the callback may be running on the cancelling thread, and needs no waiting for.
        _cancelled.Unregister();
    }

    private void RunBody()
    {
        Task<T> task;
        try
        {
            // Tenant code may hand back no task at all; Task.Run failed the attempt for it too.
            task = _body() ?? Task.FromException<T>(new InvalidOperationException("The step's body returned no task."));
        }
        catch (Exception error)
        {
            task = Task.FromException<T>(error);
        }

        if (task.IsCompleted)
        {
            BatchedContinuations.Run(static s => s.Run.Settle(s.Task), (Run: this, Task: task));
            return;
        }

        task.ContinueWith(static (ended, s) => ((StepBody<T>)s!).Settle(ended), this, CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private void Settle(Task<T> ended)
    {
        try
        {
            _outcome.TrySetResult(ended.GetAwaiter().GetResult());
        }
        catch (Exception error)
        {
            // The exception an await of the body would have thrown, cancellations included.
            _outcome.TrySetException(error);
        }
    }

    private void OnTimer()
    {
        if (_outcome.Task.IsCompleted)
        {
            return;
        }

        var remaining = _deadlineMs - _time.Now();
        if (remaining <= 0)
        {
            _outcome.TrySetException(_deadlineReached);
            return;
        }

        try
        {
            // A deadline past the longest a timer is armed for at once is reached in chunks.
            _timer?.Change(Clock.TimerDelay(remaining), Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // The body ended and was disposed meanwhile.
        }
    }
}
