namespace Skein.Host.FunctionalTests.Api;

/// <summary>Who may call an endpoint (DESIGN §4).</summary>
internal enum Audience
{
    /// <summary>Anyone, without a key: health, the API document.</summary>
    Anonymous,

    /// <summary>A tenant's own key (or the admin key); another tenant's key answers 404, no key 401.</summary>
    Tenant,

    /// <summary>The admin key only; a tenant key answers 403 (on any tenant), no key 401.</summary>
    Admin,

    /// <summary>The operator's admin key only, outside the tenant API: never a tenant key or an anonymous caller.</summary>
    Operator,
}

/// <summary>
/// The rule for every endpoint the host maps, keyed by <c>METHOD pattern</c> as the routing table spells it. An
/// endpoint that is mapped but missing here fails <see cref="EndpointAuthorizationTests"/>: whoever adds an endpoint
/// decides, here, who may call it. Rules for DESIGN §4 endpoints not mapped yet are harmless and save the next one
/// a step.
/// </summary>
internal static class EndpointRules
{
    private const string T = "/v1/tenants/{tenant}";

    public static IReadOnlyDictionary<string, Audience> All { get; } = new Dictionary<string, Audience>(StringComparer.Ordinal)
    {
        ["GET /healthz"] = Audience.Anonymous,
        ["GET /readyz"] = Audience.Anonymous,
        ["GET /openapi/{documentName}.json"] = Audience.Anonymous,
        ["GET /reference/{documentName?}"] = Audience.Anonymous,
        ["GET /reference/scalar.js"] = Audience.Anonymous,
        ["GET /reference/scalar.aspnetcore.js"] = Audience.Anonymous,
        ["GET /reference/favicon.svg"] = Audience.Anonymous,
        ["GET /sdk/Skein.TenantSdk.nupkg"] = Audience.Anonymous,
        ["GET /ui/{**path}"] = Audience.Anonymous,
        ["GET /metrics"] = Audience.Operator,

        ["POST /v1/tenants"] = Audience.Admin,
        ["GET /v1/tenants"] = Audience.Admin,
        [$"GET {T}"] = Audience.Tenant,
        [$"DELETE {T}"] = Audience.Admin,
        [$"PUT {T}/limits"] = Audience.Admin,
        [$"POST {T}/keys"] = Audience.Admin,
        [$"GET {T}/keys"] = Audience.Admin,
        [$"DELETE {T}/keys/{{keyId}}"] = Audience.Admin,
        [$"POST {T}/freeze"] = Audience.Admin,
        [$"POST {T}/unfreeze"] = Audience.Admin,

        [$"GET {T}/backup"] = Audience.Admin,
        [$"POST {T}/restore"] = Audience.Admin,
        [$"POST {T}/backups"] = Audience.Admin,
        [$"GET {T}/backups"] = Audience.Admin,
        [$"GET {T}/backups/{{id}}"] = Audience.Admin,
        [$"DELETE {T}/backups/{{id}}"] = Audience.Admin,

        [$"POST {T}/deployments"] = Audience.Tenant,
        [$"GET {T}/deployments"] = Audience.Tenant,
        [$"POST {T}/deployments/{{version:int}}/activate"] = Audience.Tenant,
        [$"GET {T}/workflows"] = Audience.Tenant,

        [$"POST {T}/workflows/{{workflow}}/instances"] = Audience.Tenant,
        [$"POST {T}/workflows/{{workflow}}/instances/batch"] = Audience.Tenant,
        [$"GET {T}/instances"] = Audience.Tenant,
        [$"GET {T}/instances/{{id}}"] = Audience.Tenant,
        [$"DELETE {T}/instances/{{id}}"] = Audience.Tenant,
        [$"POST {T}/instances/{{id}}/pause"] = Audience.Tenant,
        [$"POST {T}/instances/{{id}}/resume"] = Audience.Tenant,
        [$"POST {T}/instances/{{id}}/terminate"] = Audience.Tenant,
        [$"POST {T}/instances/{{id}}/restart"] = Audience.Tenant,
        [$"POST {T}/instances/{{id}}/events/{{type}}"] = Audience.Tenant,
        [$"GET {T}/instances/{{id}}/stream"] = Audience.Tenant,
        [$"GET {T}/instances/{{id}}/logs"] = Audience.Tenant,
        [$"GET {T}/instances/{{id}}/history"] = Audience.Tenant,

        [$"POST {T}/schedules"] = Audience.Tenant,
        [$"GET {T}/schedules"] = Audience.Tenant,
        [$"GET {T}/schedules/{{id}}"] = Audience.Tenant,
        [$"DELETE {T}/schedules/{{id}}"] = Audience.Tenant,
        [$"POST {T}/schedules/{{id}}/pause"] = Audience.Tenant,
        [$"POST {T}/schedules/{{id}}/resume"] = Audience.Tenant,

        [$"GET {T}/run/{{**path}}"] = Audience.Tenant,
        [$"POST {T}/run/{{**path}}"] = Audience.Tenant,
        [$"PUT {T}/run/{{**path}}"] = Audience.Tenant,
        [$"PATCH {T}/run/{{**path}}"] = Audience.Tenant,
        [$"DELETE {T}/run/{{**path}}"] = Audience.Tenant,
    };

    /// <summary>Endpoints that are not part of the API and so are not in the OpenAPI document.</summary>
    public static IReadOnlySet<string> NotInApiDocument { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "GET /openapi/{documentName}.json",
        "GET /reference/{documentName?}",
        "GET /reference/scalar.js",
        "GET /reference/scalar.aspnetcore.js",
        "GET /reference/favicon.svg",
        // The dashboard's static files (docs/dashboard.md), not an API.
        "GET /ui/{**path}",
    };
}
