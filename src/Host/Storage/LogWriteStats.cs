namespace Skein.Host.Storage;

/// <summary>Counters of one log writer, read by metrics and the benchmark.</summary>
internal sealed class LogWriteStats
{
    private long _commits;
    private long _writes;
    private long _commitTicks;
    private long _maxCommitTicks;
    private long _maxBatchTicks;

    public long Commits => Interlocked.Read(ref _commits);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Total time spent in COMMIT (the fsyncs), in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long CommitTicks => Interlocked.Read(ref _commitTicks);

    /// <summary>The longest COMMIT so far, in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long MaxCommitTicks => Interlocked.Read(ref _maxCommitTicks);

    /// <summary>
    /// The longest batch so far, from BEGIN to COMMIT returned (a test's commit gate not counted), in
    /// <see cref="System.Diagnostics.Stopwatch"/> ticks: how long a write queued behind it could wait for the writer.
    /// </summary>
    public long MaxBatchTicks => Interlocked.Read(ref _maxBatchTicks);

    /// <summary>The longest batch since the last call (see <see cref="MaxBatchTicks"/>), and starts over: a benchmark's window.</summary>
    public long TakeMaxBatchTicks() => Interlocked.Exchange(ref _maxBatchTicks, 0);

    internal void Record(int writes, long commitTicks, long batchTicks)
    {
        if (batchTicks > Interlocked.Read(ref _maxBatchTicks))
        {
            Interlocked.Exchange(ref _maxBatchTicks, batchTicks);
        }

        // Only the writer thread records: a plain compare is enough, the write is atomic for readers.
        if (commitTicks > Interlocked.Read(ref _maxCommitTicks))
        {
            Interlocked.Exchange(ref _maxCommitTicks, commitTicks);
        }

        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _commitTicks, commitTicks);
    }
}
