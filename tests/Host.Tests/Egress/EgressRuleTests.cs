using System.Net;
using Skein.Host.Egress;

namespace Skein.Host.Tests.Egress;

public sealed class EgressRuleTests
{
    [Theory]
    [InlineData("10.1.2.0/24", "any.host", "10.1.2.77", 443, true)]
    [InlineData("10.1.2.0/24", "any.host", "10.1.3.1", 443, false)]
    [InlineData("10.1.2.0/24:8443", "any.host", "10.1.2.77", 8443, true)]
    [InlineData("10.1.2.0/24:8443", "any.host", "10.1.2.77", 443, false)]
    [InlineData("10.1.2.7", "any.host", "10.1.2.7", 80, true)]
    [InlineData("10.1.2.7:80", "any.host", "10.1.2.8", 80, false)]
    [InlineData("127.0.0.1", "x", "::ffff:127.0.0.1", 80, true)]
    [InlineData("fd00::/8", "any.host", "fd12::1", 443, true)]
    [InlineData("[fd00::1]:443", "any.host", "fd00::1", 443, true)]
    [InlineData("[fd00::1]:443", "any.host", "fd00::1", 444, false)]
    [InlineData("[fd00::/8]:443", "any.host", "fd12::1", 443, true)]
    [InlineData("::1", "any.host", "::1", 5000, true)]
    [InlineData("api.internal:8443", "API.Internal", "10.9.9.9", 8443, true)]
    [InlineData("api.internal:8443", "api.internal", "10.9.9.9", 443, false)]
    [InlineData("api.internal", "other.internal", "10.9.9.9", 443, false)]
    public void An_entry_matches_its_addresses_names_and_ports(string entry, string host, string address, int port, bool matches)
    {
        Assert.True(EgressRule.TryParse(entry, out var rule, out var error), error);

        Assert.Equal(matches, rule.Matches(host, IPAddress.Parse(address), port));
    }

    [Theory]
    [InlineData("", "an entry is empty")]
    [InlineData("10.1.2.3/24", "'10.1.2.3/24' is not a network in CIDR form")]
    [InlineData("10.1.2.0/33", "is not a network in CIDR form")]
    [InlineData("10.1.2.0:0", "has no valid port")]
    [InlineData("10.1.2.0:70000", "has no valid port")]
    [InlineData("api.internal:https", "has no valid port")]
    [InlineData("[fd00::1", "has no closing ']'")]
    [InlineData("[fd00::1]443", "has no valid port after ']'")]
    [InlineData("http://api.internal", "has no valid port")]
    [InlineData("api internal", "is neither an address, a network nor a host name")]
    public void A_malformed_entry_is_refused_with_what_is_wrong(string entry, string message)
    {
        Assert.False(EgressRule.TryParse(entry, out _, out var error));

        Assert.Contains(message, error, StringComparison.Ordinal);
    }
}
