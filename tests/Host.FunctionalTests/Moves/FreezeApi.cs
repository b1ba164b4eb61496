using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Skein.Host.FunctionalTests.Moves;

/// <summary>Freeze and unfreeze calls over the HTTP API, and what a frozen tenant's refusals look like.</summary>
internal static class FreezeApi
{
    public static Task<JsonObject> FreezeAsync(HttpClient admin, string tenant) => PostAsync(admin, $"/v1/tenants/{tenant}/freeze");

    public static Task<JsonObject> UnfreezeAsync(HttpClient admin, string tenant) => PostAsync(admin, $"/v1/tenants/{tenant}/unfreeze");

    /// <summary>Asserts the answer is the frozen tenant's refusal: 503, Retry-After, a ProblemDetails saying so.</summary>
    public static async Task AssertFrozenAsync(HttpResponseMessage response, string tenant)
    {
        var problem = await ApiClient.ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.Equal("urn:skein:problem:tenant-frozen", problem["type"]!.GetValue<string>());
        Assert.StartsWith($"Tenant '{tenant}' is frozen", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task<JsonObject> PostAsync(HttpClient admin, string path)
    {
        var response = await admin.PostAsync(path, null);
        await ApiClient.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
