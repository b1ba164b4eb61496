using System.Net.Http;

namespace Skein.Host.Egress;

/// <summary>
/// The per-attempt end of the pipeline: it binds every request to the attempt's cancellation (a step that timed out
/// or was terminated stops its calls), sends through the tenant's current handler, and caps the response body.
/// </summary>
internal sealed class AttemptHandler(TenantEgress egress, CancellationToken attempt, long maxResponseBytes) : HttpMessageHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, attempt);
        var response = await egress.SendAsync(request, linked.Token);
        if (response.Content.Headers.ContentLength is { } length && length > maxResponseBytes)
        {
            response.Dispose();
            throw CappedStream.TooLarge(request.RequestUri, maxResponseBytes);
        }

        response.Content = new CappedContent(response.Content, request.RequestUri, maxResponseBytes, attempt);
        return response;
    }
}
