using Yarp.ReverseProxy.Forwarder;

namespace Skein.Router.Forwarding;

/// <summary>
/// Which side of a failed forward failed. In YARP's names the destination is the node and the client is the caller:
/// a caller that cancels, stops sending its body or stops reading the answer is not the node's failure, and is not
/// logged as one.
/// </summary>
internal static class ForwardFailure
{
    public static bool IsClientSide(ForwarderError error) => error is ForwarderError.RequestCanceled
        or ForwarderError.RequestBodyCanceled or ForwarderError.ResponseBodyCanceled
        or ForwarderError.RequestBodyClient or ForwarderError.ResponseBodyClient
        or ForwarderError.UpgradeRequestCanceled or ForwarderError.UpgradeRequestClient or ForwarderError.UpgradeResponseClient;
}
