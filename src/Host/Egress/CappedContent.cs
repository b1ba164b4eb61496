using System.Net;
using System.Net.Http;

namespace Skein.Host.Egress;

/// <summary>A response body read through a <see cref="CappedStream"/>, however the step reads it.</summary>
internal sealed class CappedContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly Uri? _uri;
    private readonly long _maxBytes;
    private readonly CancellationToken _attempt;

    public CappedContent(HttpContent inner, Uri? uri, long maxBytes, CancellationToken attempt)
    {
        _inner = inner;
        _uri = uri;
        _maxBytes = maxBytes;
        _attempt = attempt;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await using var source = await CreateContentReadStreamAsync(cancellationToken);
        await source.CopyToAsync(stream, cancellationToken);
    }

    protected override Task<Stream> CreateContentReadStreamAsync() => CreateContentReadStreamAsync(CancellationToken.None);

    protected override async Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) =>
        new CappedStream(await _inner.ReadAsStreamAsync(cancellationToken), _uri, _maxBytes, _attempt);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
