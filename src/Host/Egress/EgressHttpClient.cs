using System.Net.Http;

namespace Skein.Host.Egress;

/// <summary>
/// The client a step gets: one per attempt over the tenant's shared handler, so what a step changes on it (headers,
/// base address) stays in that attempt, and disposing it or leaking it past the attempt harms nothing. It has no
/// parameterless constructor, so <c>Activator.CreateInstance(ctx.Http.GetType())</c> cannot mint an unchecked one.
/// </summary>
internal sealed class EgressHttpClient : HttpClient
{
    public EgressHttpClient(AttemptHandler handler, EgressOptions options)
        : base(handler, disposeHandler: true)
    {
        Timeout = options.RequestTimeout;
        MaxResponseContentBufferSize = options.MaxResponseBytes;
    }
}
