using System.Runtime.CompilerServices;
using System.Text;

namespace Skein.Cli.Http;

/// <summary>Reads a <c>text/event-stream</c> body (the WHATWG format: <c>id:</c>, <c>event:</c>, <c>data:</c> lines, a blank line ends an event).</summary>
internal static class ServerSentEvents
{
    public static async IAsyncEnumerable<ServerSentEvent> ReadAsync(Stream body, [EnumeratorCancellation] CancellationToken cancel)
    {
        using var reader = new StreamReader(body, Encoding.UTF8);
        string? id = null;
        var name = "message";
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancel) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0 || id is not null)
                {
                    yield return new ServerSentEvent(id, name, data.ToString());
                }

                id = null;
                name = "message";
                data.Clear();
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var field = colon < 0 ? line : line[..colon];
            var value = colon < 0 ? "" : line[(colon + 1)..].TrimStart(' ');
            switch (field)
            {
                case "id":
                    id = value;
                    break;
                case "event":
                    name = value;
                    break;
                case "data":
                    if (data.Length > 0)
                    {
                        data.Append('\n');
                    }

                    data.Append(value);
                    break;
            }
        }
    }
}
