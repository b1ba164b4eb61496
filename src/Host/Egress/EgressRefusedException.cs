using System.Net;

namespace Skein.Host.Egress;

/// <summary>
/// An outbound call refused before any packet left: its message says what was refused, why, and how an operator
/// allows it. The step sees it as the inner exception of an <see cref="System.Net.Http.HttpRequestException"/>.
/// </summary>
internal sealed class EgressRefusedException(string tenant, IPAddress address, string range)
    : IOException($"outbound call to {Format(address)} refused by the egress policy ({range}); an operator can allow it "
        + $"for this tenant with PUT /v1/tenants/{tenant}/limits egressAllow")
{
    public IPAddress Address { get; } = address;

    public string Range { get; } = range;

    private static string Format(IPAddress address) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]" : address.ToString();
}
