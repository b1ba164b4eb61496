namespace Skein.Host.Storage;

/// <summary>Counters of one log writer, read by metrics and the benchmark.</summary>
internal sealed class LogWriteStats
{
    private long _commits;
    private long _writes;
    private long _commitTicks;

    public long Commits => Interlocked.Read(ref _commits);

    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Total time spent in COMMIT (the fsyncs), in <see cref="System.Diagnostics.Stopwatch"/> ticks.</summary>
    public long CommitTicks => Interlocked.Read(ref _commitTicks);

    internal void Record(int writes, long commitTicks)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _writes, writes);
        Interlocked.Add(ref _commitTicks, commitTicks);
    }
}
