using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary><c>?wait=</c> past its limit is a 400 naming the limit, before anything is created.</summary>
public sealed class WaitParameterTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Theory]
    [InlineData("301s")]
    [InlineData("99999999999999999999999m")]
    public async Task A_create_with_a_wait_past_five_minutes_is_refused_and_creates_nothing(string wait)
    {
        var (tenant, client) = await ApiClient.NewTenantAsync(host, "wait");
        await ApiClient.DeployAsync(client, tenant, VersionedWorkflow.Build(1));

        var response = await client.PostAsJsonAsync($"/v1/tenants/{tenant}/workflows/pinned/instances?wait={wait}", new { id = "w-1", @params = 1 });

        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Equal("urn:skein:problem:invalid-request", problem["type"]!.GetValue<string>());
        Assert.Equal($"'wait={wait}' is longer than the maximum of 5 minutes.", problem["detail"]!.GetValue<string>());
        var listed = await client.GetFromJsonAsync<JsonObject>($"/v1/tenants/{tenant}/instances");
        Assert.Empty(listed!["items"]!.AsArray());
    }
}
