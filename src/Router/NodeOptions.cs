namespace Skein.Router;

/// <summary>One host node in <c>Router:Nodes</c>.</summary>
public sealed class NodeOptions
{
    /// <summary>The node's stable name, e.g. <c>a</c>; it is what the placement table records.</summary>
    public string? Id { get; set; }

    /// <summary>The node's base address, e.g. <c>http://10.0.0.5:5080</c>.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The key the router uses for its own calls to this node (tenant create, the merged tenant list). Defaults to
    /// <see cref="RouterOptions.AdminKey"/>: the usual setup gives the router and its hosts one operator key.
    /// </summary>
    public string? AdminKey { get; set; }
}
