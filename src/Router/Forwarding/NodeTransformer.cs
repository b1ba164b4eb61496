using System.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace Skein.Router.Forwarding;

/// <summary>
/// YARP's default request and response copying, plus: <c>X-Skein-Node</c> on the answer, the router's own key
/// for the router's own calls, and a hook that sees the node's status before the client does (placements are
/// recorded there, so a client never sees a 201 the router has not committed).
/// </summary>
internal sealed class NodeTransformer(string nodeId, string? nodeKey, Action<int>? onAnswer) : HttpTransformer
{
    public const string NodeHeader = "X-Skein-Node";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest,
        string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        if (nodeKey is not null)
        {
            proxyRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", nodeKey);
        }
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse,
        CancellationToken cancellationToken)
    {
        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[NodeHeader] = nodeId;
        if (proxyResponse is not null)
        {
            onAnswer?.Invoke((int)proxyResponse.StatusCode);
        }

        return copyBody;
    }
}
