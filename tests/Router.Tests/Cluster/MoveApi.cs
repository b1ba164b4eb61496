using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Skein.Tests.Common;

namespace Skein.Router.Tests.Cluster;

/// <summary>Moves through the router's admin API, and the client side of a move: retrying 503s as Retry-After says.</summary>
internal static class MoveApi
{
    public static readonly TimeSpan MoveDeadline = TimeSpan.FromMinutes(3);

    public static string OtherNode(string node) => RouterCluster.NodeIds.Single(n => n != node);

    public static async Task<JsonElement> StartMoveAsync(this RouterCluster cluster, string tenant, string to)
    {
        using var router = cluster.Router();
        using var response = await router.PostAsJsonAsync($"/v1/tenants/{tenant}/move", new { to });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"moving {tenant}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>The move once it is <c>done</c> or <c>failed</c>.</summary>
    public static async Task<JsonElement> WaitForMoveAsync(this RouterCluster cluster, string id)
    {
        using var router = cluster.Router();
        return await Eventually.UntilAsync(async () => await router.GetFromJsonAsync<JsonElement>($"/v1/moves/{id}"),
            m => m.GetProperty("state").GetString() is "done" or "failed", $"move {id} to end", MoveDeadline);
    }

    /// <summary>The tenant's latest move, as <c>GET /v1/moves</c> lists it (for a move whose 202 may have been cut off).</summary>
    public static async Task<JsonElement?> LatestMoveAsync(this RouterCluster cluster, string tenant)
    {
        using var router = cluster.Router();
        var moves = await router.GetFromJsonAsync<JsonElement>("/v1/moves");
        return moves.EnumerateArray().LastOrDefault(m => m.GetProperty("tenant").GetString() == tenant) is { ValueKind: JsonValueKind.Object } move
            ? move.Clone()
            : null;
    }

    /// <summary>
    /// Sends the request until the answer is not a 503, waiting what its <c>Retry-After</c> says between tries (a
    /// frozen tenant, a node not yet seen healthy); gives up at the deadline. Counts the 503s in <paramref name="unavailable"/>.
    /// </summary>
    public static async Task<HttpResponseMessage> SendRetryingAsync(HttpClient client, Func<HttpRequestMessage> request,
        StrongBox<int> unavailable, TimeSpan deadline)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        while (true)
        {
            var response = await client.SendAsync(request());
            if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
            {
                return response;
            }

            Interlocked.Increment(ref unavailable.Value);
            var wait = response.Headers.RetryAfter?.Delta;
            Assert.True(wait is not null, $"a 503 without Retry-After: {await response.Content.ReadAsStringAsync()}");
            response.Dispose();
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started) + wait > deadline)
            {
                throw new TimeoutException($"still 503 after {deadline}");
            }

            await Task.Delay(wait.Value);
        }
    }

    public static HttpRequestMessage Post(string path, object body) => new(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
}
