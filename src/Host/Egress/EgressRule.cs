using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;

namespace Skein.Host.Egress;

/// <summary>
/// One entry of a tenant's <c>egressAllow</c> list: an address or network (<c>10.1.2.7</c>, <c>10.1.2.0/24</c>,
/// <c>fd00::/8</c>), or a host name (<c>api.internal</c>), each optionally with a port (<c>10.1.2.0/24:8443</c>,
/// <c>[fd00::1]:443</c>, <c>api.internal:8443</c>). Without a port every port is allowed.
/// </summary>
internal sealed record EgressRule(IPNetwork? Network, string? Host, int? Port)
{
    public const string Shape =
        "use an address or network (10.1.2.7, 10.1.2.0/24, fd00::/8) or a host name (api.internal), optionally with a "
        + "port (10.1.2.0/24:8443, [fd00::1]:443, api.internal:8443)";

    /// <summary>Whether a connection for <paramref name="host"/> to <paramref name="address"/>:<paramref name="port"/> matches.</summary>
    public bool Matches(string host, IPAddress address, int port)
    {
        if (Port is { } only && only != port)
        {
            return false;
        }

        return Network is { } network
            ? network.Contains(address) || network.Contains(AddressRanges.Unwrap(address))
            : string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out EgressRule? rule, [NotNullWhen(false)] out string? error)
    {
        rule = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = "an entry is empty";
            return false;
        }

        var target = text;
        int? port = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                error = $"'{text}' has no closing ']'";
                return false;
            }

            target = text[1..close];
            var rest = text[(close + 1)..];
            if (rest.Length > 0 && !(rest.StartsWith(':') && TryPort(rest[1..], out port)))
            {
                error = $"'{text}' has no valid port after ']'";
                return false;
            }
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (!TryPort(text[(colon + 1)..], out port))
            {
                error = $"'{text}' has no valid port (1–65535) after ':'";
                return false;
            }

            target = text[..colon];
        }

        if (target.Contains('/', StringComparison.Ordinal))
        {
            // IPNetwork drops host bits silently; an operator who wrote 10.1.2.3/24 may have meant 10.1.2.3 alone.
            if (!IPNetwork.TryParse(target, out var network)
                || !IPAddress.TryParse(target[..target.IndexOf('/', StringComparison.Ordinal)], out var written)
                || !written.Equals(network.BaseAddress))
            {
                error = $"'{target}' is not a network in CIDR form with its host bits zero (e.g. 10.1.2.0/24)";
                return false;
            }

            rule = new EgressRule(network, null, port);
        }
        else if (IPAddress.TryParse(target, out var address))
        {
            rule = new EgressRule(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128), null, port);
        }
        else if (Uri.CheckHostName(target) == UriHostNameType.Dns)
        {
            rule = new EgressRule(null, target.ToLowerInvariant(), port);
        }
        else
        {
            error = $"'{target}' is neither an address, a network nor a host name";
            return false;
        }

        error = null;
        return true;
    }

    private static bool TryPort(string text, out int? port)
    {
        port = null;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 65535)
        {
            port = value;
            return true;
        }

        return false;
    }
}
