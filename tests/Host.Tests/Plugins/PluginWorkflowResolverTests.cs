namespace Skein.Host.Tests.Plugins;

/// <summary>
/// How the engine finds a tenant's workflow code: by the tenant's active version for new instances, by the
/// instance's own version for the rest, and nothing for a tenant without an active version or unknown to the node.
/// </summary>
public sealed class PluginWorkflowResolverTests : IDisposable
{
    private readonly PluginNode _node = new();

    [Fact]
    public async Task New_instances_resolve_from_the_active_version_and_existing_ones_from_their_own()
    {
        _node.Registry.Create("acme", null);
        var first = await _node.DeployAsync("acme");
        var second = await _node.DeployAsync("acme");

        Assert.Equal([1, 2], new[] { first, second });
        var active = _node.Resolver.ResolveActive("acme", "greet");
        Assert.NotNull(active);
        Assert.Equal(2, active.Version);
        Assert.Equal(["count", "greet"], _node.Resolver.ActiveWorkflows("acme").Select(w => w.Name).Order(StringComparer.Ordinal));
        Assert.All(_node.Resolver.ActiveWorkflows("acme"), w => Assert.Equal(2, w.Version));
        Assert.Equal(1, _node.Resolver.Resolve("acme", 1, "count")?.Version);
        Assert.Null(_node.Resolver.ResolveActive("acme", "nope"));
        Assert.Null(_node.Resolver.Resolve("acme", 3, "greet"));
    }

    [Fact]
    public void A_tenant_without_an_active_version_or_unknown_to_the_node_resolves_nothing()
    {
        _node.Registry.Create("acme", null);

        Assert.Null(_node.Resolver.ResolveActive("acme", "greet"));
        Assert.Empty(_node.Resolver.ActiveWorkflows("acme"));
        Assert.Null(_node.Resolver.ResolveActive("ghost", "greet"));
        Assert.Empty(_node.Resolver.ActiveWorkflows("ghost"));
        Assert.Equal(0, _node.Versions.Count);
    }

    [Fact]
    public async Task An_instance_of_a_deployed_workflow_runs_its_tenants_code()
    {
        _node.Registry.Create("acme", null);
        await _node.DeployAsync("acme");

        var created = await _node.Engine.CreateAsync("acme", "greet", "o-1", """{"id":"o-1","wait":false}""");

        Assert.Equal("complete", await _node.WaitForStatusAsync("acme", created.Id, "complete"));
        Assert.Equal("\"hello o-1\"", _node.Engine.Describe("acme", created.Id)!.Instance.Output);
    }

    [Fact]
    public async Task Forgetting_a_tenant_unloads_its_versions_and_none_of_another_tenants()
    {
        _node.Registry.Create("acme", null);
        _node.Registry.Create("bolt", null);
        await _node.DeployAsync("acme");
        await _node.DeployAsync("bolt");
        Assert.NotNull(_node.Resolver.ResolveActive("acme", "greet"));
        Assert.NotNull(_node.Resolver.ResolveActive("bolt", "greet"));
        Assert.Equal([1], _node.Versions.LoadedVersionsOf("acme"));

        _node.Resolver.ForgetTenant("acme");

        Assert.Empty(_node.Versions.LoadedVersionsOf("acme"));
        Assert.Equal([1], _node.Versions.LoadedVersionsOf("bolt"));
        Assert.Equal(1, _node.Unloaded.Watched);
    }

    public void Dispose() => _node.Dispose();
}
