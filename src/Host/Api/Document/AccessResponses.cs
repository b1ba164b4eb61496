using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace Skein.Host.Api.Document;

/// <summary>
/// Adds to each operation what its endpoint metadata decides rather than its handler: the bearer requirement and the
/// 401/403/404 of its <see cref="AccessPolicy"/>, the 503 of a frozen or restoring tenant (every path under a
/// tenant, see <see cref="FrozenTenantGate"/> and <see cref="BackupEndpoints.UseRestoreRetry"/>), the 429 of the
/// create rate limit, the 500 any request can get, and a distinct operation id per method of a multi-method endpoint.
/// </summary>
internal sealed class AccessResponses : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        if (metadata.OfType<HttpMethodMetadata>().FirstOrDefault() is { HttpMethods.Count: > 1 } && operation.OperationId is { } id)
        {
            operation.OperationId = id + char.ToUpperInvariant(method[0]) + method[1..].ToLowerInvariant();
        }

        var policy = metadata.OfType<AccessPolicy>().LastOrDefault();
        if (policy is null || policy == AccessPolicy.Anonymous)
        {
            return;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement
        {
            [new OpenApiSecuritySchemeReference(BearerSecurityScheme.Name, context.Document)] = [],
        });

        var path = context.Description.RelativePath ?? "";
        var underTenant = path.StartsWith("v1/tenants/{tenant}", StringComparison.Ordinal);
        var problems = new List<(int Status, string Why)>
        {
            (401, "No valid key: send 'Authorization: Bearer <key>'."),
            (500, "The host failed; the answer says so without internals, the log has the details."),
        };
        if (policy.OperatorOnly)
        {
            problems.Add((403, "A tenant key: this needs the operator's admin key."));
        }

        if (underTenant)
        {
            problems.Add((404, "The tenant does not exist, or the key is another tenant's; or the resource named does not exist."));
            problems.Add((503, metadata.OfType<AvailableWhileFrozen>().Any()
                ? "The tenant is being restored; retry after Retry-After."
                : "The tenant is frozen (a move) or being restored; retry after Retry-After."));
        }

        if (metadata.OfType<EnableRateLimitingAttribute>().Any())
        {
            problems.Add((429, "The tenant creates instances faster than its limit; retry after Retry-After."));
        }

        if (!HttpMethods.IsGet(method))
        {
            problems.Add((507, "The data folder's disk is full; nothing was changed."));
        }

        operation.Responses ??= [];
        var problem = await ProblemSchemaAsync(context, cancellationToken);
        foreach (var (status, why) in problems)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.ContainsKey(key))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = why,
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/problem+json"] = new() { Schema = problem },
                    },
                };
            }
        }
    }

    /// <summary>A reference to the one ProblemDetails schema, so a generated client has one problem type.</summary>
    private static async Task<IOpenApiSchema> ProblemSchemaAsync(OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var document = context.Document!;
        document.Components ??= new OpenApiComponents();
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(nameof(ProblemDetails)))
        {
            document.Components.Schemas[nameof(ProblemDetails)] = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
        }

        return new OpenApiSchemaReference(nameof(ProblemDetails), document);
    }
}
