using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Skein.Host.FunctionalTests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Api;

/// <summary>
/// DESIGN §4's access contract, checked on every endpoint the running host maps (read from its endpoint data source,
/// so an endpoint added later is checked too, or fails for want of a rule in <see cref="EndpointRules"/>).
/// </summary>
public sealed class EndpointAuthorizationTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public void Every_mapped_endpoint_has_an_access_rule()
    {
        var unknown = MappedEndpoint.ReadAll(host.Services).Where(e => !EndpointRules.All.ContainsKey(e.Key)).ToList();

        Assert.True(unknown.Count == 0,
            "Endpoints without a rule saying who may call them (add each to EndpointRules): " + string.Join(", ", unknown));
    }

    [Fact]
    public async Task Every_tenant_endpoint_answers_another_tenant_404_no_key_401_a_tenant_key_on_operator_endpoints_403_and_changes_nothing()
    {
        var victim = await VictimTenant.CreateAsync(host);
        var (intruder, intruderClient) = await ApiClient.NewTenantAsync(host, "intruder");
        using var anonymous = host.Client(key: null);
        var before = await VictimTenant.SnapshotAsync(host, victim.Id);
        var endpoints = MappedEndpoint.ReadAll(host.Services).Where(e => e.Path.StartsWith("/v1/tenants", StringComparison.Ordinal)).ToList();
        var failures = new List<string>();

        foreach (var endpoint in endpoints)
        {
            if (!EndpointRules.All.TryGetValue(endpoint.Key, out var audience))
            {
                failures.Add($"{endpoint}: no rule says who may call it (add it to EndpointRules)");
                continue;
            }

            var url = endpoint.Url(p => victim.ValueFor(endpoint, p));
            await ExpectAsync(anonymous, HttpStatusCode.Unauthorized, "no key");
            switch (audience)
            {
                case Audience.Tenant:
                    await ExpectAsync(intruderClient, HttpStatusCode.NotFound, $"tenant {intruder}'s key");
                    break;
                case Audience.Admin:
                    await ExpectAsync(intruderClient, HttpStatusCode.Forbidden, $"tenant {intruder}'s key");
                    await ExpectAsync(victim.Client, HttpStatusCode.Forbidden, "the tenant's own key");
                    break;
                default:
                    failures.Add($"{endpoint}: a {audience} endpoint under /v1/tenants");
                    break;
            }

            async Task ExpectAsync(HttpClient client, HttpStatusCode expected, string who)
            {
                using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), url) { Content = BodyFor(endpoint) };
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode != expected)
                {
                    failures.Add($"{endpoint.Method} {url} with {who}: expected {(int)expected}, got {(int)response.StatusCode} {Truncate(body)}");
                }
                else if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
                {
                    failures.Add($"{endpoint.Method} {url} with {who}: {(int)expected} without a ProblemDetails body");
                }

                foreach (var data in victim.PrivateData.Where(d => body.Contains(d, StringComparison.Ordinal)))
                {
                    failures.Add($"{endpoint.Method} {url} with {who}: the answer holds the tenant's data '{data}'");
                }
            }
        }

        var after = await VictimTenant.SnapshotAsync(host, victim.Id);
        Assert.True(failures.Count == 0, $"{failures.Count} access failures:\n" + string.Join('\n', failures));
        Assert.Contains(endpoints, e => e.Key == "POST /v1/tenants/{tenant}/deployments");
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Metrics_answer_only_the_operator()
    {
        var (_, tenantClient) = await ApiClient.NewTenantAsync(host);
        using var anonymous = host.Client(key: null);
        using var admin = host.Client();

        var withoutKey = await anonymous.GetAsync("/metrics");
        var withTenantKey = await tenantClient.GetAsync("/metrics");
        var withAdminKey = await admin.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, withTenantKey.StatusCode);
        Assert.Equal(HttpStatusCode.OK, withAdminKey.StatusCode);
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_every_endpoint()
    {
        using var anonymous = host.Client(key: null);
        var document = (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();

        var missing = MappedEndpoint.ReadAll(host.Services)
            .Where(e => !EndpointRules.NotInApiDocument.Contains(e.Key))
            .Where(e => paths[e.ApiDocumentPath]?[e.Method.ToLowerInvariant()] is null)
            .ToList();

        Assert.True(missing.Count == 0, "Endpoints missing from /openapi/v1.json: " + string.Join(", ", missing));
    }

    /// <summary>
    /// A body that would do something if the request got through (an upload, an event, a create), so that a missing
    /// check shows as a change to the tenant and not only as a status code.
    /// </summary>
    internal static HttpContent? BodyFor(MappedEndpoint endpoint)
    {
        if (endpoint.Method is "GET" or "DELETE")
        {
            return null;
        }

        if (endpoint.Path.EndsWith("/deployments", StringComparison.Ordinal))
        {
            var dll = new ByteArrayContent(VersionedWorkflow.Build(9));
            dll.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
            return dll;
        }

        object body = endpoint.Path switch
        {
            var p when p.EndsWith("/instances/batch", StringComparison.Ordinal) => new[] { new { id = "intruded-batch", @params = 0 } },
            var p when p.EndsWith("/instances", StringComparison.Ordinal) => new { id = "intruded", @params = 0 },
            var p when p.Contains("/events/", StringComparison.Ordinal) => new { who = "intruder" },
            var p when p.EndsWith("/terminate", StringComparison.Ordinal) => new { rollback = true },
            var p when p.EndsWith("/limits", StringComparison.Ordinal) => new { maxConcurrentInstances = 1 },
            "/v1/tenants" => new { id = $"intruded-{Guid.NewGuid():n}"[..20] },
            _ => 0,
        };
        return JsonContent.Create(body);
    }

    private static string Truncate(string body) => body.Length <= 300 ? body : body[..300] + "…";
}
