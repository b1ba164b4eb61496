using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// HTTP/1.1 over a bare socket, for requests an <see cref="HttpClient"/> will not make: a body that stops after a
/// few bytes of what its <c>Content-Length</c> declares, or a chunked body that never ends.
/// </summary>
internal sealed class RawHttp : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly TcpClient _tcp = new();
    private NetworkStream _stream = null!;

    public static async Task<RawHttp> ConnectAsync(Uri baseAddress)
    {
        var raw = new RawHttp();
        await raw._tcp.ConnectAsync(baseAddress.Host, baseAddress.Port);
        raw._stream = raw._tcp.GetStream();
        return raw;
    }

    public async Task SendHeadAsync(string method, string path, string? key, params string[] headers)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\n");
        if (key is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Authorization: Bearer {key}\r\n");
        }

        foreach (var header in headers)
        {
            head.Append(header).Append("\r\n");
        }

        await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()));
    }

    public async Task SendAsync(byte[] bytes) => await _stream.WriteAsync(bytes);

    public async Task SendChunkAsync(byte[] bytes)
    {
        await _stream.WriteAsync(Encoding.ASCII.GetBytes(bytes.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"));
        await _stream.WriteAsync(bytes);
        await _stream.WriteAsync("\r\n"u8.ToArray());
    }

    /// <summary>Whether the server has started answering (so there is no point sending more).</summary>
    public bool HasAnswer => _tcp.Client.Poll(0, SelectMode.SelectRead);

    /// <summary>The status and the head and body as text; fails if no answer comes before a generous deadline.</summary>
    public async Task<(int Status, string Text)> ReadResponseAsync()
    {
        using var timeout = new CancellationTokenSource(Deadline);
        var received = new List<byte>();
        var buffer = new byte[4096];
        while (true)
        {
            int read;
            try
            {
                read = await _stream.ReadAsync(buffer, timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"No complete answer within {Deadline}; received: {Encoding.ASCII.GetString([.. received])}");
            }
            catch (IOException) when (received.Count > 0)
            {
                read = 0;
            }

            received.AddRange(buffer.AsSpan(0, read));
            var text = Encoding.UTF8.GetString([.. received]);
            var end = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
            if (end >= 0 && (read == 0 || Complete(text, end)))
            {
                return (int.Parse(text.AsSpan(9, 3), CultureInfo.InvariantCulture), text);
            }

            if (read == 0)
            {
                throw new IOException($"The connection closed before an answer; received: {text}");
            }
        }
    }

    private static bool Complete(string text, int headEnd)
    {
        var head = text[..headEnd].ToLowerInvariant();
        var body = text[(headEnd + 4)..];
        var at = head.IndexOf("content-length:", StringComparison.Ordinal);
        if (at >= 0)
        {
            var line = head[(at + 15)..].Split("\r\n")[0].Trim();
            return Encoding.UTF8.GetByteCount(body) >= int.Parse(line, CultureInfo.InvariantCulture);
        }

        return !head.Contains("transfer-encoding: chunked", StringComparison.Ordinal) || body.EndsWith("0\r\n\r\n", StringComparison.Ordinal);
    }

    public void Dispose() => _tcp.Dispose();
}
