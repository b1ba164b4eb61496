namespace Skein.Router.Tests.Cluster;

/// <summary>The tests that share one <see cref="RouterCluster"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class RouterCollection : ICollectionFixture<RouterCluster>
{
    public const string Name = "router cluster";
}
