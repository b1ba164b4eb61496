using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Skein.Host.Api.Document;

/// <summary>The one way to authenticate (DESIGN §4): <c>Authorization: Bearer &lt;key&gt;</c>, an admin or a tenant key.</summary>
internal sealed class BearerSecurityScheme : IOpenApiDocumentTransformer
{
    public const string Name = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The operator's admin key (Skein:AdminKey) or a key of the tenant (POST /v1/tenants answers one; "
                + "POST /v1/tenants/{tenant}/keys issues more).",
        };
        return Task.CompletedTask;
    }
}
