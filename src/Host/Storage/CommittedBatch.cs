namespace Skein.Host.Storage;

/// <summary>
/// The writes of one committed transaction, handed out on a thread-pool thread: each instance scheduler they wake
/// is drained there in turn (<see cref="BatchedContinuations"/>).
/// </summary>
internal sealed class CommittedBatch(LogWrite[] writes, WorkInFlight work) : IThreadPoolWorkItem
{
    public void Execute() => BatchedContinuations.Run(static batch => batch.Complete(), this);

    private void Complete()
    {
        foreach (var write in writes)
        {
            // The awaiter's continuation is queued (and counted) before the write stops counting.
            write.Complete();
            work.Exit();
        }
    }
}
