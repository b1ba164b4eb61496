using System.Net;

namespace Skein.Router.Moves;

/// <summary>
/// The restore's body: the source's backup stream itself, copied through a small buffer as the target reads it.
/// <c>sent</c> runs once the last byte went out, which is when the target starts verifying (state <c>restoring</c>).
/// </summary>
internal sealed class UploadContent(Stream source, Action sent) : StreamContent(source)
{
    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await base.SerializeToStreamAsync(stream, context, cancellationToken);
        await stream.FlushAsync(cancellationToken);
        sent();
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);
}
