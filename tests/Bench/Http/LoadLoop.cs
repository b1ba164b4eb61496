using System.Diagnostics;

namespace Skein.Bench.Http;

/// <summary>
/// A closed loop: <c>workers</c> callers, each sending its next request as soon as the last one answered, for a
/// warm-up and then a measured window of fixed length. Only requests that end inside the window count.
/// </summary>
internal static class LoadLoop
{
    private const int MaxFailureSamples = 5;

    /// <param name="request">Sends one request; null when it succeeded, else what went wrong. An exception counts as a failure.</param>
    /// <param name="counters">Reads the counters compared across the window.</param>
    public static async Task<LoadResult> RunAsync(int workers, TimeSpan warmUp, TimeSpan window, Func<Task<string?>> request,
        Func<WindowCounters> counters)
    {
        long windowStart = long.MaxValue, windowEnd = long.MaxValue;
        var stop = 0;
        var failures = new List<string>();

        async Task<(List<double> Latencies, int Failed)> WorkAsync()
        {
            var latencies = new List<double>();
            var failed = 0;
            while (Volatile.Read(ref stop) == 0)
            {
                var begin = Stopwatch.GetTimestamp();
                string? failure;
                try
                {
                    failure = await request();
                }
                catch (Exception error) when (error is HttpRequestException or TaskCanceledException or IOException)
                {
                    failure = error.GetType().Name + ": " + error.Message;
                }

                var end = Stopwatch.GetTimestamp();
                if (end < Volatile.Read(ref windowStart) || end > Volatile.Read(ref windowEnd))
                {
                    continue;
                }

                if (failure is null)
                {
                    latencies.Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
                }
                else
                {
                    failed++;
                    Sample(failures, failure);
                }
            }

            return (latencies, failed);
        }

        var tasks = Enumerable.Range(0, workers).Select(_ => Task.Run(WorkAsync)).ToArray();
        await Task.Delay(warmUp);
        var before = counters();
        Volatile.Write(ref windowStart, Stopwatch.GetTimestamp());
        await Task.Delay(window);
        Volatile.Write(ref windowEnd, Stopwatch.GetTimestamp());
        var used = counters() - before;
        Volatile.Write(ref stop, 1);
        var results = await Task.WhenAll(tasks);

        var latencies = results.SelectMany(r => r.Latencies).Order().ToArray();
        var seconds = (windowEnd - windowStart) / (double)Stopwatch.Frequency;
        return new LoadResult(latencies.Length, results.Sum(r => r.Failed), seconds, latencies, used, failures);
    }

    /// <summary>Keeps the first few failures for the report.</summary>
    private static void Sample(List<string> failures, string failure)
    {
        lock (failures)
        {
            if (failures.Count < MaxFailureSamples)
            {
                failures.Add(failure.Length > 300 ? failure[..300] : failure);
            }
        }
    }
}
