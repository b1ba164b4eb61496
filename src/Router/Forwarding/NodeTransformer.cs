using System.Net.Http.Headers;
using Yarp.ReverseProxy.Forwarder;

namespace Skein.Router.Forwarding;

/// <summary>
/// YARP's default request and response copying, plus: <c>X-Skein-Node</c> on the answer, the router's own key
/// for the router's own calls, and a hook that sees the node's status before the client does (placements are
/// recorded there, so a client never sees a 201 the router has not committed); the hook returns false to hold the
/// answer back (see <see cref="HeldBack"/>).
/// With <c>hideRefusedKey</c>, a node's 401 is not passed on (see <see cref="KeyRefused"/>).
/// </summary>
internal sealed class NodeTransformer(string nodeId, string? nodeKey, Func<int, bool>? onAnswer, bool hideRefusedKey = false) : HttpTransformer
{
    public const string NodeHeader = "X-Skein-Node";

    /// <summary>
    /// The node answered 401 to the caller's key and that answer was held back. Each node knows only its own tenants'
    /// keys, so a key of a tenant on another node is unknown here: the router answers 404 as a single host does for
    /// another tenant's key, and exactly as it answers for a tenant it does not know.
    /// </summary>
    public bool KeyRefused { get; private set; }

    /// <summary>
    /// The hook held the node's answer back: nothing of it was sent (its status and headers are on the response,
    /// which has not started), and the caller answers instead.
    /// </summary>
    public bool HeldBack { get; private set; }

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
        if (hideRefusedKey && proxyResponse?.StatusCode == System.Net.HttpStatusCode.Unauthorized)
        {
            KeyRefused = true;
            return false;
        }

        var copyBody = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken);
        httpContext.Response.Headers[NodeHeader] = nodeId;
        if (proxyResponse is not null && onAnswer is not null && !onAnswer((int)proxyResponse.StatusCode))
        {
            HeldBack = true;
            return false;
        }

        return copyBody;
    }
}
