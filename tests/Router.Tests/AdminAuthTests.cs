using System.Net;
using Skein.Router.Tests.Cluster;

namespace Skein.Router.Tests;

/// <summary>The router's admin API takes the router's admin key and nothing else, and says so as a ProblemDetails.</summary>
[Collection(RouterCollection.Name)]
public sealed class AdminAuthTests(RouterCluster cluster)
{
    [Theory]
    [InlineData("GET", "/v1/nodes")]
    [InlineData("GET", "/v1/placements")]
    [InlineData("GET", "/v1/tenants")]
    [InlineData("POST", "/v1/tenants")]
    public async Task Admin_endpoints_answer_401_without_the_router_admin_key(string method, string path)
    {
        var tenant = await cluster.CreateTenantAsync($"auth-{method.ToLowerInvariant()}-{path.Split('/')[^1]}");
        foreach (var key in new[] { null, "not-the-key", tenant.ApiKey })
        {
            using var client = cluster.Router(key);
            using var request = new HttpRequestMessage(new HttpMethod(method), path)
            {
                Content = method == "POST" ? new StringContent("{\"id\":\"auth-never\"}", System.Text.Encoding.UTF8, "application/json") : null,
            };

            using var response = await client.SendAsync(request);

            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var problem = await RouterApi.ProblemAsync(response);
            Assert.Equal("urn:skein:problem:unauthorized", problem.GetProperty("type").GetString());
        }

        Assert.DoesNotContain("auth-never", (await cluster.PlacementsAsync()).Keys);
    }

    [Fact]
    public async Task A_tenant_request_without_a_key_is_401_whether_or_not_the_tenant_exists()
    {
        var tenant = await cluster.CreateTenantAsync("auth-anonymous");
        using var anonymous = cluster.Router(key: null);

        using var known = await anonymous.GetAsync($"/v1/tenants/{tenant.Id}/instances");
        using var unknown = await anonymous.GetAsync("/v1/tenants/auth-nobody/instances");

        Assert.Equal(HttpStatusCode.Unauthorized, known.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }
}
