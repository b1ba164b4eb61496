using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Skein.Bench.Engine;
using Skein.Host.Storage;

namespace Skein.Bench.Http;

/// <summary>
/// Counters read at both ends of a measured window: the process's CPU, the tenant log's commits (each one fsync),
/// the CPU of the tenant's writer thread, the JIT's work, allocations and full collections, and the machine's CPU pressure.
/// </summary>
internal readonly record struct WindowCounters(
    ProcessCounters Process,
    long Commits,
    long Writes,
    long CommitTicks,
    double WriterCpuSeconds,
    long JitMethods,
    TimeSpan JitTime,
    int Gen2Collections,
    long AllocatedBytes,
    long CpuPressureMicroseconds)
{
    /// <summary>Linux clock ticks per second, the unit of utime and stime in <c>/proc/.../stat</c>.</summary>
    private const double ClockTicks = 100;

    public double CommitMs => Commits == 0 ? double.NaN : CommitTicks * 1000.0 / Stopwatch.Frequency / Commits;

    public double WritesPerCommit => Commits == 0 ? double.NaN : (double)Writes / Commits;

    public static WindowCounters Read(LogWriteStats log) => new(
        ProcessCounters.Read(), log.Commits, log.Writes, log.CommitTicks, ReadWriterCpuSeconds(),
        JitInfo.GetCompiledMethodCount(), JitInfo.GetCompilationTime(), GC.CollectionCount(2), GC.GetTotalAllocatedBytes(precise: false), ReadCpuPressure());

    public static WindowCounters operator -(WindowCounters after, WindowCounters before) => new(
        after.Process - before.Process,
        after.Commits - before.Commits,
        after.Writes - before.Writes,
        after.CommitTicks - before.CommitTicks,
        after.WriterCpuSeconds - before.WriterCpuSeconds,
        after.JitMethods - before.JitMethods,
        after.JitTime - before.JitTime,
        after.Gen2Collections - before.Gen2Collections,
        after.AllocatedBytes - before.AllocatedBytes,
        after.CpuPressureMicroseconds < 0 || before.CpuPressureMicroseconds < 0 ? -1 : after.CpuPressureMicroseconds - before.CpuPressureMicroseconds);

    /// <summary>Share of the window in which some runnable task on the machine waited for a CPU (Linux PSI); -1 if unknown.</summary>
    public double CpuPressure(double seconds) => CpuPressureMicroseconds < 0 ? -1 : CpuPressureMicroseconds / 1e6 / seconds;

    /// <summary>The machine-wide <c>some</c> total of <c>/proc/pressure/cpu</c>, in microseconds; -1 where there is none.</summary>
    private static long ReadCpuPressure()
    {
        try
        {
            var some = File.ReadLines("/proc/pressure/cpu").First(l => l.StartsWith("some ", StringComparison.Ordinal));
            return long.Parse(some[(some.IndexOf("total=", StringComparison.Ordinal) + "total=".Length)..], CultureInfo.InvariantCulture);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            return -1;
        }
    }

    /// <summary>
    /// User and kernel CPU of the log writer threads alive now (named <c>skein-log …</c>). A writer thread exits
    /// when idle for a few seconds, so under steady load it is the same thread at both ends of a window. -1 off Linux.
    /// </summary>
    private static double ReadWriterCpuSeconds()
    {
        try
        {
            var ticks = 0L;
            foreach (var task in Directory.EnumerateDirectories("/proc/self/task"))
            {
                if (!File.ReadAllText(Path.Combine(task, "comm")).StartsWith("skein-log", StringComparison.Ordinal))
                {
                    continue;
                }

                // Fields after the ")" that ends the thread name: state is field 3, utime 14 and stime 15.
                var stat = File.ReadAllText(Path.Combine(task, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                ticks += long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
            }

            return ticks / ClockTicks;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return -1;
        }
    }
}
