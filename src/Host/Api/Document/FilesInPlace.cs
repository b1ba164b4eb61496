using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Skein.Host.Api.Document;

/// <summary>
/// Spells a file body or answer in place (<c>{type: string, format: binary}</c>) instead of as the shared schema the
/// generator names after <c>IFormFile</c>: client generators (NSwag) recognise an upload only from the schema written
/// at the body, and would otherwise send the file as JSON.
/// </summary>
internal sealed class FilesInPlace : IOpenApiDocumentTransformer
{
    private static readonly HashSet<string> FileSchemaIds = new(StringComparer.Ordinal) { "IFormFile", "Stream" };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var operation in (document.Paths ?? []).Values.SelectMany(p => p.Operations ?? []).Select(o => o.Value))
        {
            InPlace(operation.RequestBody?.Content);
            foreach (var response in (operation.Responses ?? []).Values)
            {
                InPlace(response.Content);
            }
        }

        foreach (var id in FileSchemaIds)
        {
            document.Components?.Schemas?.Remove(id);
        }

        return Task.CompletedTask;
    }

    private static void InPlace(IDictionary<string, OpenApiMediaType>? content)
    {
        foreach (var media in (content ?? new Dictionary<string, OpenApiMediaType>()).Values)
        {
            if (media.Schema is OpenApiSchemaReference reference && reference.Reference.Id is { } id && FileSchemaIds.Contains(id))
            {
                media.Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
            }
        }
    }
}
