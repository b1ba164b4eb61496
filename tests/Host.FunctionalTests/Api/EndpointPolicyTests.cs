using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Api;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// Access is endpoint metadata: every endpoint the host maps carries the <see cref="AccessPolicy"/> its rule in
/// <see cref="EndpointRules"/> names, so the check cannot be forgotten in a handler.
/// </summary>
public sealed class EndpointPolicyTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void Every_mapped_endpoint_carries_the_access_policy_of_its_rule()
    {
        var failures = new List<string>();
        foreach (var endpoint in host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var policy = endpoint.Metadata.GetMetadata<AccessPolicy>();
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["ANY"])
            {
                var key = new MappedEndpoint(method, endpoint.RoutePattern).Key;
                var expected = EndpointRules.All.TryGetValue(key, out var audience) ? PolicyNameOf(audience) : "(no rule)";
                if (policy?.Name != expected)
                {
                    failures.Add($"{key}: expected a {expected} policy, has {policy?.ToString() ?? "none"}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string PolicyNameOf(Audience audience) => audience switch
    {
        Audience.Anonymous => "anonymous",
        Audience.Tenant => "tenant",
        Audience.Admin or Audience.Operator => "operator",
        _ => throw new ArgumentOutOfRangeException(nameof(audience)),
    };
}
