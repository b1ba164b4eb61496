namespace Skein.Router;

/// <summary>The <c>Router</c> configuration section.</summary>
public sealed class RouterOptions
{
    /// <summary>The host nodes tenants are placed on. Ids are stable names: a placement refers to a node by id.</summary>
    public List<NodeOptions> Nodes { get; set; } = [];

    /// <summary>The key that guards the router's own admin API (<c>/v1/nodes</c>, <c>/v1/placements</c>, tenant create and list).</summary>
    public string? AdminKey { get; set; }

    /// <summary>The folder of the placement database; relative paths are resolved against the content root. Default <c>./data</c>.</summary>
    public string DataDir { get; set; } = "./data";

    /// <summary>Optional: requests whose Host is <c>{tenant}.{Domain}</c> go to that tenant's node.</summary>
    public string? Domain { get; set; }

    /// <summary>How often each node's <c>/readyz</c> is probed. Default 2 s.</summary>
    public TimeSpan HealthCheckInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a probe may take before it counts as a failure. Default 5 s.</summary>
    public TimeSpan HealthCheckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a forwarded exchange may stay silent before the router gives up on it: 504 before the node answered,
    /// a cut answer after. Default 1 hour, because a large backup or restore is silent while the node copies or
    /// verifies the tenant. A <c>?wait=</c> request may be silent for its wait plus this; an event stream, for
    /// <see cref="StreamActivityTimeout"/>.
    /// </summary>
    public TimeSpan ActivityTimeout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How long an instance's event stream may stay silent (the instance sleeps or waits for an event) before the
    /// router cuts it; the client reconnects with <c>Last-Event-ID</c> and misses nothing. Default 24 hours.
    /// </summary>
    public TimeSpan StreamActivityTimeout { get; set; } = TimeSpan.FromHours(24);
}
