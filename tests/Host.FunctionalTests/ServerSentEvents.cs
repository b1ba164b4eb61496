namespace Skein.Host.FunctionalTests;

/// <summary>One server-sent event as the stream endpoint writes it.</summary>
internal sealed record ServerSentEvent(long? Id, string Kind, string Data);

/// <summary>Reads an instance's <c>…/stream</c> event by event.</summary>
internal sealed class ServerSentEvents(HttpResponseMessage response) : IDisposable
{
    private StreamReader? _reader;

    /// <summary>The next event, or null when the server closed the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(CancellationToken ct)
    {
        _reader ??= new StreamReader(await response.Content.ReadAsStreamAsync(ct));
        long? id = null;
        string? kind = null;
        string? data = null;
        while (await _reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                if (kind is not null)
                {
                    return new ServerSentEvent(id, kind, data ?? "");
                }

                continue;
            }

            if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = long.Parse(line[4..], System.Globalization.CultureInfo.InvariantCulture);
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                kind = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data = line[6..];
            }
        }

        return null;
    }

    /// <summary>Every event up to and including <c>end</c> (or until the server closes the stream).</summary>
    public async Task<List<ServerSentEvent>> ReadToEndAsync(TimeSpan? deadline = null)
    {
        using var timeout = new CancellationTokenSource(deadline ?? TimeSpan.FromSeconds(60));
        var events = new List<ServerSentEvent>();
        while (await NextAsync(timeout.Token) is { } next)
        {
            events.Add(next);
            if (next.Kind == "end")
            {
                break;
            }
        }

        return events;
    }

    /// <summary>Opens the stream of an instance, optionally resuming after <paramref name="lastEventId"/>.</summary>
    public static async Task<ServerSentEvents> OpenAsync(HttpClient client, string tenant, string id, long? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/v1/tenants/{tenant}/instances/{id}/stream");
        if (lastEventId is { } last)
        {
            request.Headers.Add("Last-Event-ID", last.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        await ApiClient.EnsureAsync(response, System.Net.HttpStatusCode.OK);
        return new ServerSentEvents(response);
    }

    public void Dispose()
    {
        _reader?.Dispose();
        response.Dispose();
    }
}
