using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// A synchronous call run on a thread of its own, so a test can tell when it has blocked (in <c>Monitor.Wait</c>, a
/// contended lock, a sleep) instead of guessing how long to give it.
/// </summary>
internal sealed class BlockingCall<T>
{
    private readonly Thread _thread;
    private readonly TaskCompletionSource<T> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public BlockingCall(Func<T> call)
    {
        _thread = new Thread(() =>
        {
            try
            {
                _result.SetResult(call());
            }
            catch (Exception error)
            {
                _result.SetException(error);
            }
        })
        { IsBackground = true, Name = "blocking-call" };
        _thread.Start();
    }

    public Task<T> Result => _result.Task;

    /// <summary>Waits until the call has returned or its thread waits.</summary>
    public Task BlockedOrDoneAsync(string what) =>
        Eventually.Until(() => Result.IsCompleted || (_thread.ThreadState & ThreadState.WaitSleepJoin) != 0, what);
}
