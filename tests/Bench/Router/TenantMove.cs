using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Skein.Bench.Router;

/// <summary>A move through the router's admin API, polled every 20 ms until it ends.</summary>
internal static class TenantMove
{
    /// <summary>The wall time from the POST to the move seen <c>done</c>, and the router's <c>unavailableMs</c>.</summary>
    public static async Task<(double Seconds, long UnavailableMs, string From, string To)> RunAsync(Uri router, string tenant, string to)
    {
        using var admin = BenchCluster.Client(router, BenchCluster.AdminKey);
        var started = Stopwatch.GetTimestamp();
        using var accepted = await admin.PostAsJsonAsync($"/v1/tenants/{tenant}/move", new { to });
        var id = (await RouterApi.EnsureAsync(accepted, HttpStatusCode.Accepted))["id"]!.GetValue<string>();
        while (true)
        {
            var move = (await admin.GetFromJsonAsync<JsonObject>($"/v1/moves/{id}"))!;
            switch (move["state"]!.GetValue<string>())
            {
                case "done":
                    return (Stopwatch.GetElapsedTime(started).TotalSeconds, move["unavailableMs"]!.GetValue<long>(),
                        move["from"]!.GetValue<string>(), move["to"]!.GetValue<string>());
                case "failed":
                    throw new InvalidOperationException($"move of {tenant} failed: {move.ToJsonString()}");
            }

            if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromMinutes(20))
            {
                throw new TimeoutException($"move of {tenant} not done after 20 minutes: {move.ToJsonString()}");
            }

            await Task.Delay(20);
        }
    }
}
