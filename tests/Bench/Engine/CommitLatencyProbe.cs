using System.Diagnostics;

namespace Skein.Bench.Engine;

/// <summary>
/// Collects the step-body-return → resumed-after-commit times that <see cref="BenchWorkflow"/> measures. Static
/// because the engine creates workflow objects itself; one run records at a time.
/// </summary>
internal static class CommitLatencyProbe
{
    private static long[] _samples = [];
    private static int _count;

    /// <summary>Starts recording, keeping at most <paramref name="capacity"/> samples.</summary>
    public static void Start(int capacity)
    {
        Volatile.Write(ref _count, 0);
        Volatile.Write(ref _samples, new long[capacity]);
    }

    public static void Record(long ticks)
    {
        var samples = Volatile.Read(ref _samples);
        var index = Interlocked.Increment(ref _count) - 1;
        if (index < samples.Length)
        {
            samples[index] = ticks;
        }
    }

    /// <summary>Stops recording and returns the samples in milliseconds, sorted.</summary>
    public static double[] Stop()
    {
        var samples = Interlocked.Exchange(ref _samples, []);
        var count = Math.Min(Volatile.Read(ref _count), samples.Length);
        var ms = new double[count];
        for (var i = 0; i < count; i++)
        {
            ms[i] = samples[i] * 1000.0 / Stopwatch.Frequency;
        }

        Array.Sort(ms);
        return ms;
    }
}
