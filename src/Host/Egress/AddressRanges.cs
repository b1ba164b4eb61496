using System.Net;

namespace Skein.Host.Egress;

/// <summary>
/// The address ranges tenant code may not reach unless an operator allows them: the node itself, the operator's
/// networks and the cloud's metadata service. An IPv6 form that carries an IPv4 address (mapped, compatible, NAT64)
/// is judged by the IPv4 address it carries, so <c>[::ffff:127.0.0.1]</c> is loopback.
/// </summary>
internal static class AddressRanges
{
    public const string Loopback = "loopback";
    public const string Private = "private";
    public const string LinkLocal = "link-local";
    public const string UniqueLocal = "unique-local";
    public const string SharedAddressSpace = "carrier-grade NAT";
    public const string Unspecified = "unspecified";
    public const string Multicast = "multicast";
    public const string Reserved = "reserved";
    public const string Metadata = "cloud metadata";

    // Order matters: the first match names the range, so the metadata addresses come before link-local and unique-local.
    private static readonly (IPNetwork Network, string Range)[] Refused =
    [
        (IPNetwork.Parse("169.254.169.254/32"), Metadata),
        (IPNetwork.Parse("fd00:ec2::254/128"), Metadata),
        (IPNetwork.Parse("0.0.0.0/8"), Unspecified),
        (IPNetwork.Parse("127.0.0.0/8"), Loopback),
        (IPNetwork.Parse("10.0.0.0/8"), Private),
        (IPNetwork.Parse("172.16.0.0/12"), Private),
        (IPNetwork.Parse("192.168.0.0/16"), Private),
        (IPNetwork.Parse("100.64.0.0/10"), SharedAddressSpace),
        (IPNetwork.Parse("169.254.0.0/16"), LinkLocal),
        (IPNetwork.Parse("192.0.0.0/24"), Reserved),
        (IPNetwork.Parse("198.18.0.0/15"), Reserved),
        (IPNetwork.Parse("224.0.0.0/4"), Multicast),
        (IPNetwork.Parse("240.0.0.0/4"), Reserved),
        (IPNetwork.Parse("::/128"), Unspecified),
        (IPNetwork.Parse("::1/128"), Loopback),
        (IPNetwork.Parse("fe80::/10"), LinkLocal),
        (IPNetwork.Parse("fec0::/10"), Private),
        (IPNetwork.Parse("fc00::/7"), UniqueLocal),
        (IPNetwork.Parse("ff00::/8"), Multicast),
    ];

    private static readonly IPNetwork Nat64 = IPNetwork.Parse("64:ff9b::/96");
    private static readonly IPNetwork Compatible = IPNetwork.Parse("::/96");

    /// <summary>The refused range <paramref name="address"/> lies in, or null for an address on the public internet.</summary>
    public static string? Classify(IPAddress address)
    {
        address = Unwrap(address);
        foreach (var (network, range) in Refused)
        {
            if (network.Contains(address))
            {
                return range;
            }
        }

        return null;
    }

    /// <summary>The IPv4 address an IPv6 address carries (mapped, compatible or NAT64), or the address itself.</summary>
    public static IPAddress Unwrap(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        // ::1 and :: are IPv6's own loopback and unspecified addresses, not IPv4-compatible forms of 0.0.0.x.
        if ((Compatible.Contains(address) && !address.Equals(IPAddress.IPv6Loopback) && !address.Equals(IPAddress.IPv6Any))
            || Nat64.Contains(address))
        {
            var bytes = address.GetAddressBytes();
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return address;
    }
}
