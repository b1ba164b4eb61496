using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Skein.Router.Tests.Faults;

/// <summary>
/// A "node" on a loopback port that speaks just enough HTTP/1.1 to be probed healthy (<c>/readyz</c>) and to take a
/// tenant create, and hands every other request to the test, which can answer it, never answer it, reset the
/// connection or write garbage: the faults a real host cannot be made to produce. One request per connection.
/// </summary>
internal sealed class FakeNode : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly Func<FakeExchange, Task> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private FakeNode(Func<FakeExchange, Task> handler)
    {
        _handler = handler;
        _listener.Start();
        Url = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _accepting = AcceptAsync();
    }

    public Uri Url { get; }

    /// <summary>Starts a node whose tenant requests <paramref name="handler"/> answers (or does not).</summary>
    public static FakeNode Start(Func<FakeExchange, Task> handler) => new(handler);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(socket));
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        try
        {
            await using var stream = new NetworkStream(socket, ownsSocket: true);
            var head = await ReadHeadAsync(stream, _stop.Token);
            if (head is null)
            {
                return;
            }

            var lines = head.Split("\r\n");
            var requestLine = lines[0].Split(' ');
            var contentLength = lines.Skip(1).Select(l => l.Split(':', 2)).Where(p => p.Length == 2
                && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => int.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
            var body = new byte[contentLength];
            await stream.ReadExactlyAsync(body, _stop.Token);
            var exchange = new FakeExchange(requestLine[0], requestLine[1], socket, stream, _stop.Token);
            if (exchange.Target == "/readyz")
            {
                await exchange.RespondAsync(200, "application/json", "{\"status\":\"ready\"}");
            }
            else if (exchange.Method == "POST" && exchange.Target == "/v1/tenants")
            {
                var id = System.Text.Json.JsonDocument.Parse(body).RootElement.GetProperty("id").GetString();
                await exchange.RespondAsync(201, "application/json", $"{{\"id\":\"{id}\",\"apiKey\":\"fake-tenant-key\"}}");
            }
            else
            {
                await _handler(exchange);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The router or the test ended the exchange.
        }
    }

    private static async Task<string?> ReadHeadAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 64 * 1024)
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            head.Add(one[0]);
            if (head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n')
            {
                return Encoding.ASCII.GetString([.. head]).TrimEnd();
            }
        }

        return null;
    }
}
