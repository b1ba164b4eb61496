using System.Net;

namespace Skein.Cli.Http;

/// <summary>A request body streamed from <paramref name="source"/> that reports how many bytes have gone out.</summary>
internal sealed class ProgressContent(Stream source, Action<long> sent) : HttpContent
{
    private const int ChunkSize = 64 * 1024;

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        await SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var buffer = new byte[ChunkSize];
        long total = 0;
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await stream.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            total += read;
            sent(total);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = source.CanSeek ? source.Length : -1;
        return source.CanSeek;
    }

    public static ProgressContent Of(Stream source, string mediaType, Action<long> sent)
    {
        var content = new ProgressContent(source, sent);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(mediaType);
        return content;
    }
}
