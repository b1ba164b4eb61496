using System.Net.Http;

namespace Skein.Host.Egress;

/// <summary>
/// A read-only response stream that fails once more than the cap was read, and whose reads end with the attempt.
/// It covers what <see cref="HttpClient.MaxResponseContentBufferSize"/> does not: a body read as a stream.
/// </summary>
internal sealed class CappedStream(Stream inner, Uri? uri, long maxBytes, CancellationToken attempt) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public static HttpRequestException TooLarge(Uri? uri, long maxBytes) => new(HttpRequestError.ConfigurationLimitExceeded,
        $"the response from {uri?.GetLeftPart(UriPartial.Authority) ?? "the server"} is larger than the egress limit of "
        + $"{maxBytes} bytes (Skein:Egress:MaxResponseBytes)");

    public override int Read(byte[] buffer, int offset, int count)
    {
        attempt.ThrowIfCancellationRequested();
        return Count(inner.Read(buffer, offset, count));
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return Count(await inner.ReadAsync(buffer, attempt));
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt);
        return Count(await inner.ReadAsync(buffer, linked.Token));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Count(int read)
    {
        _read += read;
        return _read > maxBytes ? throw TooLarge(uri, maxBytes) : read;
    }
}
