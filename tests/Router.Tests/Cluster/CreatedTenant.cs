namespace Skein.Router.Tests.Cluster;

/// <summary>A tenant created through the router: its key and the node the router answered from.</summary>
public sealed record CreatedTenant(string Id, string ApiKey, string Node);
