namespace Skein.Router.Nodes;

/// <summary>A configured host node: its id, base address, and the key the router's own calls to it use.</summary>
internal sealed record Node(string Id, Uri Url, string AdminKey)
{
    /// <summary>The address as YARP's forwarder wants a destination prefix: no trailing slash.</summary>
    public string Prefix { get; } = Url.GetLeftPart(UriPartial.Authority);
}
