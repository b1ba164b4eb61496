using System.Net.Sockets;
using System.Text;

namespace Skein.Router.Tests.Faults;

/// <summary>One request to a <see cref="FakeNode"/>, with the ways the test can answer it.</summary>
internal sealed class FakeExchange(string method, string target, Socket socket, Stream stream, CancellationToken stopping)
{
    public string Method { get; } = method;

    /// <summary>The request target: path and query.</summary>
    public string Target { get; } = target;

    /// <summary>Cancelled when the fake node stops: a handler that never answers waits on it.</summary>
    public CancellationToken Stopping { get; } = stopping;

    public Task RespondAsync(int status, string contentType, string body) =>
        WriteAsync($"HTTP/1.1 {status} Fake\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.UTF8.GetByteCount(body)}\r\n" +
            $"Connection: close\r\n\r\n{body}");

    /// <summary>Starts a chunked answer (an event stream): the head now, the body with <see cref="WriteChunkAsync"/>.</summary>
    public Task StartChunkedAsync(string contentType) =>
        WriteAsync($"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");

    public Task WriteChunkAsync(string text) => WriteAsync($"{Encoding.UTF8.GetByteCount(text):x}\r\n{text}\r\n");

    public Task EndChunkedAsync() => WriteAsync("0\r\n\r\n");

    public async Task WriteAsync(string raw)
    {
        await stream.WriteAsync(Encoding.UTF8.GetBytes(raw), Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Closes the connection with a TCP reset (no FIN): a node process that crashed or a dropped connection.</summary>
    public void Reset()
    {
        socket.LingerState = new LingerOption(true, 0);
        socket.Close();
    }

    /// <summary>Holds the request without answering, until the fake node stops.</summary>
    public Task NeverAnswerAsync() => Task.Delay(Timeout.Infinite, Stopping);
}
