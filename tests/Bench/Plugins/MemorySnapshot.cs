using System.Diagnostics;

namespace Skein.Bench.Plugins;

/// <summary>
/// The process's memory once the GC has settled: live managed bytes, the GC's committed bytes, the working set
/// (managed and unmanaged: native images of loaded assemblies, SQLite, thread stacks, JIT code) and the thread count.
/// </summary>
internal readonly record struct MemorySnapshot(long ManagedBytes, long GcCommittedBytes, long WorkingSetBytes, int Threads)
{
    private const double MiB = 1024 * 1024;

    public double ManagedMiB => ManagedBytes / MiB;

    public double WorkingSetMiB => WorkingSetBytes / MiB;

    /// <summary>
    /// Three aggressive (blocking, compacting, decommitting) full collections with finalizers in between, so that
    /// unloaded load contexts are gone and the GC gives back what it can, then a reading.
    /// </summary>
    public static MemorySnapshot Settled()
    {
        for (var i = 0; i < 3; i++)
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
        }

        using var process = Process.GetCurrentProcess();
        return new MemorySnapshot(GC.GetTotalMemory(forceFullCollection: false), GC.GetGCMemoryInfo().TotalCommittedBytes,
            process.WorkingSet64, process.Threads.Count);
    }

    public static MemorySnapshot operator -(MemorySnapshot after, MemorySnapshot before) => new(
        after.ManagedBytes - before.ManagedBytes,
        after.GcCommittedBytes - before.GcCommittedBytes,
        after.WorkingSetBytes - before.WorkingSetBytes,
        after.Threads - before.Threads);
}
