using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Skein.Router.Nodes;

/// <summary>
/// Gives YARP one cluster per node (cluster id = destination id = node id) with an active health check on the node's
/// <c>/readyz</c>; YARP probes them and keeps each destination's health, which <see cref="NodeHealth"/> reads.
/// There are no YARP routes: requests are forwarded by <see cref="Forwarding.TenantForwarder"/>, which needs the
/// tenant's node from the placement table, not a route match.
/// </summary>
internal sealed class NodeClusters(IOptions<RouterOptions> options, NodeDirectory nodes) : IProxyConfigProvider
{
    private readonly InMemoryConfigProvider _config = new([], [.. nodes.All.Select(n => Cluster(n, options.Value))]);

    public IProxyConfig GetConfig() => _config.GetConfig();

    private static ClusterConfig Cluster(Node node, RouterOptions options) => new()
    {
        ClusterId = node.Id,
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = options.HealthCheckInterval,
                Timeout = options.HealthCheckTimeout,
                // Two failures in a row: one probe lost on a loaded machine must not send a node's tenants to 503.
                Policy = "ConsecutiveFailures",
                Path = "/readyz",
            },
        },
        Destinations = new Dictionary<string, DestinationConfig> { [node.Id] = new() { Address = node.Prefix } },
    };
}
