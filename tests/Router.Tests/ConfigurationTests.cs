using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>A router with a bad configuration stops at start and says what to fix.</summary>
public sealed class ConfigurationTests
{
    [Fact]
    public async Task A_router_without_nodes_or_key_exits_with_code_2_listing_every_problem()
    {
        using var data = new Skein.Tests.Common.TempDataDir();
        using var router = ServerProcess.Start(BuildOutputs.RouterDll,
        [
            "--urls=http://127.0.0.1:0",
            $"--Router:DataDir={data.Path}",
            "--Router:Nodes:0:Id=a", "--Router:Nodes:0:Url=http://127.0.0.1:5080",
            "--Router:Nodes:1:Id=a", "--Router:Nodes:1:Url=ftp://127.0.0.1:5081",
        ]);

        var code = await router.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(2, code);
        Assert.Contains("The router's configuration is invalid:", router.Output, StringComparison.Ordinal);
        Assert.Contains("  - Router:AdminKey is required", router.Output, StringComparison.Ordinal);
        Assert.Contains("  - Router:Nodes:1:Id 'a' is used by another node too", router.Output, StringComparison.Ordinal);
        Assert.Contains("  - Router:Nodes:1:Url 'ftp://127.0.0.1:5081' must be an absolute http or https address", router.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", router.Output, StringComparison.Ordinal);
    }
}
