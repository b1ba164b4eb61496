using Yarp.ReverseProxy;
using Yarp.ReverseProxy.Health;
using Yarp.ReverseProxy.Model;

namespace Skein.Router.Nodes;

/// <summary>Reads what YARP's active health checks last concluded about each node.</summary>
internal sealed class NodeHealth(IProxyStateLookup state, IActiveHealthCheckMonitor monitor)
{
    /// <summary>Whether every node has been probed at least once since the router started.</summary>
    public bool InitialProbeCompleted => monitor.InitialProbeCompleted;

    /// <summary>
    /// The node's health: <see cref="DestinationHealth.Unknown"/> until its first probe has answered. Only
    /// <see cref="DestinationHealth.Healthy"/> gets requests.
    /// </summary>
    public DestinationHealth Of(string nodeId) =>
        state.TryGetCluster(nodeId, out var cluster) && cluster.Destinations.TryGetValue(nodeId, out var destination)
            ? destination.Health.Active
            : DestinationHealth.Unknown;

    public bool IsHealthy(string nodeId) => Of(nodeId) == DestinationHealth.Healthy;
}
