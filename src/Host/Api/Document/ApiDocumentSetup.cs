using Microsoft.AspNetCore.OpenApi;
using Scalar.AspNetCore;

namespace Skein.Host.Api.Document;

/// <summary>
/// The API document at <c>/openapi/v1.json</c> and its reader at <c>/reference</c>. Each endpoint declares its own
/// body and answers; what follows from its metadata (who may call it, a frozen tenant, a rate limit) is added here
/// by <see cref="AccessResponses"/>, so a new endpoint gets it without repeating it.
/// </summary>
internal static class ApiDocumentSetup
{
    public static IServiceCollection AddSkeinApiDocument(this IServiceCollection services)
    {
        // The bodies endpoints declare with Accepts are for the document only: each handler reads and refuses its
        // body itself (415 as urn:skein:problem:unsupported-media-type, a restore by ?backup= without a body), so
        // routing's content-type matching, which would answer a bare 415 before the handler and the access check,
        // is taken out.
        // It is found by name (it is internal): should a framework version rename it, starting fails here rather than
        // the check coming back quietly.
        services.AddRouting();
        var matchers = services.Where(d => d.ServiceType == typeof(Microsoft.AspNetCore.Routing.MatcherPolicy)
            && d.ImplementationType?.Name == "AcceptsMatcherPolicy").ToList();
        if (matchers.Count == 0)
        {
            throw new InvalidOperationException("ASP.NET Core routing's AcceptsMatcherPolicy was not found: the API document's "
                + "request bodies would make routing refuse bodies before the handlers do. Adapt ApiDocumentSetup to this framework version.");
        }

        foreach (var matcher in matchers)
        {
            services.Remove(matcher);
        }

        return services.AddOpenApi(options =>
        {
            // Free JSON (params, outputs, event payloads) is any JSON, spelt {} in place: as a named "JsonElement"
            // schema a generated client would make it an empty class that no value fits.
            options.CreateSchemaReferenceId = type => IsFreeJson(Nullable.GetUnderlyingType(type.Type) ?? type.Type)
                ? null
                : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddDocumentTransformer<BearerSecurityScheme>();
            options.AddDocumentTransformer<FilesInPlace>();
            options.AddOperationTransformer<AccessResponses>();
            options.AddSchemaTransformer<NumbersAsWritten>();
        });
    }

    private static bool IsFreeJson(Type type) =>
        type == typeof(System.Text.Json.JsonElement) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type);

    public static void MapSkeinApiDocument(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").RequireAccess(AccessPolicy.Anonymous);
        // The reader tries requests with the key its user types in; none is built into the page.
        app.MapScalarApiReference("/reference", options => options.AddPreferredSecuritySchemes(BearerSecurityScheme.Name))
            .RequireAccess(AccessPolicy.Anonymous);
    }
}
