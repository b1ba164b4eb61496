using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>A request's trace goes through the router into the node that runs the instance.</summary>
[Collection(RouterCollection.Name)]
public sealed class TraceTests(RouterCluster cluster)
{
    [Fact]
    public async Task An_instance_created_through_the_router_is_in_the_callers_trace_on_its_node()
    {
        var tenant = await cluster.CreateTenantWithTicketsAsync("traced-1");
        using var router = cluster.Router(tenant.ApiKey);
        using var direct = cluster.Direct(tenant.Node, tenant.ApiKey);
        const string traceId = "0af7651916cd43dd8448eb211c80319c";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/tenants/traced-1/workflows/ticket/instances")
        {
            Content = JsonContent.Create(new { id = "t-traced", @params = new { text = "printer" } }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-b7ad6b7169203331-01");

        using var created = await router.SendAsync(request);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var described = JsonDocument.Parse(await direct.GetStringAsync("/v1/tenants/traced-1/instances/t-traced"));
        Assert.Equal(traceId, described.RootElement.GetProperty("traceId").GetString());
    }
}
