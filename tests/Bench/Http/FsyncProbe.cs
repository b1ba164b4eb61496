using System.Diagnostics;

namespace Skein.Bench.Http;

/// <summary>
/// The disk's durable-append latency under the data root: appends of 4 KiB each followed by an fsync, as a WAL
/// commit does. A log commit cannot be faster than this, whatever the CPU.
/// </summary>
internal static class FsyncProbe
{
    public static double[] MeasureMs(string dataRoot, int appends = 200)
    {
        using var dir = new TempDirectory(dataRoot);
        using var file = new FileStream(Path.Combine(dir.Path, "probe"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.None);
        var page = new byte[4096];
        var timings = new double[appends];
        for (var i = 0; i < appends; i++)
        {
            var started = Stopwatch.GetTimestamp();
            file.Write(page);
            file.Flush(flushToDisk: true);
            timings[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(timings);
        return timings;
    }
}
