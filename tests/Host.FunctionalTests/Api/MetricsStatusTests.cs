using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// <c>skein_instances</c> labels each count with the status as DESIGN §3 names it (<c>waiting</c>, <c>complete</c>…),
/// the same word describe shows: dashboards and alerts written against those names must keep matching.
/// </summary>
public sealed class MetricsStatusTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Instances_are_counted_under_the_status_names_of_the_api()
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "metrics");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));
        await ApiClient.CreateAsync(client, tenant, "pinned", 1, "m-1");
        await ApiClient.WaitForStatusAsync(client, tenant, "m-1", "waiting");

        using var admin = host.Client();
        var metrics = await admin.GetStringAsync("/metrics");

        Assert.Contains($"skein_instances{{otel_scope_name=\"Skein\",status=\"waiting\",tenant=\"{tenant}\"}} 1\n", metrics, StringComparison.Ordinal);
    }
}
