using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Skein.Host.Api.Document;

/// <summary>
/// Numbers as the API writes them. The web JSON defaults also read a number sent as a string ("5"), which the
/// schema generator spells as <c>integer | string</c> with a pattern; the host never writes one, and a client
/// generated from that union would type every count and version as an object.
/// </summary>
internal sealed class NumbersAsWritten : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
        {
            schema.Type = type & ~JsonSchemaType.String;
            schema.Pattern = null;
        }

        return Task.CompletedTask;
    }
}
