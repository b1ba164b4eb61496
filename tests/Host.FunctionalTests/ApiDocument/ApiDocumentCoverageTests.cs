using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Api;
using Skein.Host.FunctionalTests.Api;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.ApiDocument;

/// <summary>
/// Every endpoint the running host maps is in <c>/openapi/v1.json</c> with what a client needs (DESIGN §4, issue 13
/// item 5): an operation id and tag, each answer with a schema, each body with one, and the bearer requirement when it
/// needs a key. Read from the host's own routing table, so an endpoint added without its metadata fails here.
/// </summary>
public sealed class ApiDocumentCoverageTests(HostFixture host) : IClassFixture<HostFixture>
{
    /// <summary>Mapped, anonymous, and not part of the API: the document itself, its reader, files and pages.</summary>
    private static readonly HashSet<string> NotApi = new(EndpointRules.NotInApiDocument, StringComparer.Ordinal)
    {
        "GET /ui",
        "GET /ui/{**path}",
    };

    /// <summary>Operations that change state without a request body; any other POST, PUT or PATCH must declare one.</summary>
    private static readonly HashSet<string> NoBody = new(StringComparer.Ordinal)
    {
        "POST /v1/tenants/{tenant}/keys",
        "POST /v1/tenants/{tenant}/freeze",
        "POST /v1/tenants/{tenant}/unfreeze",
        "POST /v1/tenants/{tenant}/backups",
        "POST /v1/tenants/{tenant}/deployments/{version:int}/activate",
        "POST /v1/tenants/{tenant}/instances/{id}/pause",
        "POST /v1/tenants/{tenant}/instances/{id}/resume",
        "POST /v1/tenants/{tenant}/schedules/{id}/pause",
        "POST /v1/tenants/{tenant}/schedules/{id}/resume",
    };

    [Fact]
    public async Task Every_API_operation_declares_its_id_tag_bodies_answers_and_key()
    {
        var document = await DocumentAsync();
        var failures = new List<string>();
        var operationIds = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in MappedEndpoint.ReadAll(host.Services).Where(e => !NotApi.Contains(e.Key)))
        {
            if (document["paths"]?[endpoint.ApiDocumentPath]?[endpoint.Method.ToLowerInvariant()] is not JsonObject operation)
            {
                failures.Add($"{endpoint}: not in the document");
                continue;
            }

            failures.AddRange(Check(endpoint, operation, PolicyOf(endpoint), operationIds).Select(f => $"{endpoint}: {f}"));
        }

        Assert.True(failures.Count == 0, "Endpoints without their OpenAPI metadata:\n" + string.Join("\n", failures));
    }

    [Fact]
    public async Task The_bearer_scheme_is_declared_and_the_reference_page_prefers_it()
    {
        var document = await DocumentAsync();
        var scheme = document["components"]!["securitySchemes"]!["Bearer"]!;
        Assert.Equal("http", scheme["type"]!.GetValue<string>());
        Assert.Equal("bearer", scheme["scheme"]!.GetValue<string>());

        using var anonymous = host.Client(key: null);
        var page = await anonymous.GetStringAsync("/reference");
        Assert.Contains("\"preferredSecurityScheme\":[\"Bearer\"]", page.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.AdminKey, page, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Check(MappedEndpoint endpoint, JsonObject operation, AccessPolicy? policy, Dictionary<string, string> operationIds)
    {
        if (operation["operationId"]?.GetValue<string>() is not { Length: > 0 } id)
        {
            yield return "no operation id (.WithName)";
        }
        else if (!operationIds.TryAdd(id, endpoint.Key))
        {
            yield return $"operation id '{id}' is also {operationIds[id]}'s";
        }

        if (operation["tags"] is not JsonArray { Count: > 0 })
        {
            yield return "no tag (.WithTags)";
        }

        var responses = operation["responses"]?.AsObject() ?? [];
        if (!responses.Any(r => r.Key.StartsWith('2')))
        {
            yield return "no success answer declared (.Produces)";
        }

        foreach (var (status, response) in responses)
        {
            // 204 has no body by definition; every other answer says what it carries.
            if (status != "204" && response?["content"] is not JsonObject { Count: > 0 } content)
            {
                yield return $"answer {status} has no content (.Produces<T>/.ProducesProblem)";
            }
            else if (status != "204")
            {
                foreach (var (type, media) in response!["content"]!.AsObject())
                {
                    if (media?["schema"] is null)
                    {
                        yield return $"answer {status} {type} has no schema";
                    }
                    else if (status[0] is '4' or '5' && !(endpoint.ApiDocumentPath == "/readyz" && status == "503")
                        && (type != "application/problem+json" || media["schema"]!["$ref"] is null))
                    {
                        yield return $"answer {status} is not a ProblemDetails ({type})";
                    }
                }
            }
        }

        if (operation["requestBody"] is JsonObject body)
        {
            foreach (var (type, media) in body["content"]?.AsObject() ?? [])
            {
                if (media?["schema"] is null)
                {
                    yield return $"request body {type} has no schema";
                }
            }
        }
        else if (endpoint.Method is "POST" or "PUT" or "PATCH" && !NoBody.Contains(endpoint.Key))
        {
            yield return "no request body declared (.Accepts/.JsonBody), and not listed as taking none";
        }

        var secured = operation["security"] is JsonArray requirements && requirements.Any(r => r?["Bearer"] is not null);
        if (policy is null || policy == AccessPolicy.Anonymous)
        {
            if (secured)
            {
                yield return "anonymous, but the document asks for a key";
            }
        }
        else
        {
            if (!secured)
            {
                yield return "needs a key, but has no Bearer security requirement";
            }

            foreach (var status in policy.OperatorOnly ? new[] { "401", "403" } : ["401"])
            {
                if (!responses.ContainsKey(status))
                {
                    yield return $"needs a key, but does not declare {status}";
                }
            }
        }
    }

    private AccessPolicy? PolicyOf(MappedEndpoint endpoint) =>
        host.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .First(e => e.RoutePattern == endpoint.Pattern).Metadata.GetMetadata<AccessPolicy>();

    private async Task<JsonObject> DocumentAsync()
    {
        using var anonymous = host.Client(key: null);
        return (await anonymous.GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }
}
