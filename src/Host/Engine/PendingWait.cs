namespace Skein.Host.Engine;

/// <summary>A sleep or event wait the execution is blocked on.</summary>
internal sealed class PendingWait(int position, long wakeAt)
{
    public int Position { get; } = position;

    public long WakeAt { get; } = wakeAt;

    public TaskCompletionSource<WaitResult> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
