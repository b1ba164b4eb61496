using System.Runtime.CompilerServices;

namespace Skein.Cli.Http;

/// <summary><c>GET …/instances/{id}/stream</c>: the instance's history, then live events until it ends (an <c>end</c> event).</summary>
internal static class InstanceStream
{
    public static async IAsyncEnumerable<ServerSentEvent> FollowAsync(SkeinClient client, string tenantPath, string id,
        [EnumeratorCancellation] CancellationToken cancel)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{tenantPath}/instances/{Uri.EscapeDataString(id)}/stream");
        request.Headers.Accept.ParseAdd("text/event-stream");
        using var response = await client.OpenAsync(request, cancel);
        await using var body = await response.Content.ReadAsStreamAsync(cancel);
        await foreach (var e in ServerSentEvents.ReadAsync(body, cancel))
        {
            yield return e;
            if (e.Event == "end")
            {
                yield break;
            }
        }
    }
}
