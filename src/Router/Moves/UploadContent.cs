using System.Net;

namespace Skein.Router.Moves;

/// <summary>
/// The restore's body: the source's backup response stream itself, copied through one buffer as the target reads
/// it (as <see cref="StreamContent"/> does; a content of its own so it can tell when the last byte went out).
/// <c>sent</c> runs then, which is when the target starts verifying (state <c>restoring</c>).
/// </summary>
internal sealed class UploadContent(Stream source, Action sent) : HttpContent
{
    private const int BufferBytes = 81920;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await source.CopyToAsync(stream, BufferBytes, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        sent();
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            source.Dispose();
        }

        base.Dispose(disposing);
    }
}
