using System.Diagnostics;
using System.Globalization;

namespace Skein.Bench.Engine;

/// <summary>
/// Process-wide counters read before and after a run: CPU time (user and kernel), gen0 collections, bytes written to
/// disk and context switches. The last two come from Linux <c>/proc</c> and are -1 elsewhere.
/// </summary>
internal readonly record struct ProcessCounters(
    double UserSeconds,
    double KernelSeconds,
    int Gen0Collections,
    long DiskWriteBytes,
    long ContextSwitches)
{
    public double CpuSeconds => UserSeconds + KernelSeconds;

    public static ProcessCounters Read()
    {
        using var process = Process.GetCurrentProcess();
        return new ProcessCounters(process.UserProcessorTime.TotalSeconds, process.PrivilegedProcessorTime.TotalSeconds,
            GC.CollectionCount(0), ProcField("/proc/self/io", "write_bytes:"),
            ContextSwitchesOfLiveThreads());
    }

    public static ProcessCounters operator -(ProcessCounters after, ProcessCounters before) => new(
        after.UserSeconds - before.UserSeconds,
        after.KernelSeconds - before.KernelSeconds,
        after.Gen0Collections - before.Gen0Collections,
        Delta(after.DiskWriteBytes, before.DiskWriteBytes),
        Delta(after.ContextSwitches, before.ContextSwitches));

    private static long Delta(long after, long before) => after < 0 || before < 0 ? -1 : after - before;

    /// <summary>Voluntary and involuntary switches summed over the threads alive now (the writers live through a run).</summary>
    private static long ContextSwitchesOfLiveThreads()
    {
        try
        {
            return Directory.EnumerateDirectories("/proc/self/task")
                .Sum(task => Math.Max(0, ProcField(task + "/status", "voluntary_ctxt_switches:")) +
                             Math.Max(0, ProcField(task + "/status", "nonvoluntary_ctxt_switches:")));
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }

    private static long ProcField(string file, string field)
    {
        try
        {
            var line = File.ReadLines(file).FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
            return line is null ? -1 : long.Parse(line[field.Length..].Trim(), CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
