using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
        // Bodies are declared as DocumentedBody, not Accepts: routing's content-type matching would answer a bare 415
        // before the handler and its access check (each handler reads and refuses its own body).
        services.TryAddEnumerable(ServiceDescriptor.Transient<Microsoft.AspNetCore.Mvc.ApiExplorer.IApiDescriptionProvider, DocumentedBodies>());
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
