using System.Diagnostics;
using Skein.Bench.Http;

namespace Skein.Bench.Router;

/// <summary>
/// The same request sent straight to the tenant's node and through the router, alternately, one at a time, each
/// over its own keep-alive connection; latencies in ms, sorted.
/// </summary>
internal static class Overhead
{
    public static async Task<(double[] Direct, double[] Routed)> MeasureAsync(HttpClient direct, HttpClient routed, string path,
        int warmUp, int count)
    {
        var directMs = new List<double>(count);
        var routedMs = new List<double>(count);
        for (var i = 0; i < warmUp + count; i++)
        {
            // Swap which goes first each round, so neither always follows the other's wake-up.
            var first = i % 2 == 0;
            var a = await TimeAsync(first ? direct : routed, path);
            var b = await TimeAsync(first ? routed : direct, path);
            if (i >= warmUp)
            {
                directMs.Add(first ? a : b);
                routedMs.Add(first ? b : a);
            }
        }

        return ([.. directMs.Order()], [.. routedMs.Order()]);
    }

    public static double Percentile(double[] sorted, double fraction) => Percentiles.Of(sorted, fraction);

    private static async Task<double> TimeAsync(HttpClient client, string path)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return response.IsSuccessStatusCode
            ? elapsed
            : throw new InvalidOperationException($"GET {client.BaseAddress}{path}: {(int)response.StatusCode}");
    }
}
