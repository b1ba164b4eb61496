using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Skein.Host.Api.Document;

/// <summary>
/// Adds each endpoint's <see cref="DocumentedBody"/> to its API description, as the framework does for
/// <c>Accepts</c> metadata, so the OpenAPI document shows the body while routing matches on nothing but the path.
/// </summary>
internal sealed class DocumentedBodies : IApiDescriptionProvider
{
    // Minimal APIs register no metadata provider; the document only needs the type's own metadata.
    private static readonly EmptyModelMetadataProvider Metadata = new();

    /// <summary>After the framework's own endpoint provider (order −1100) has described every endpoint.</summary>
    public int Order => -1000;

    public void OnProvidersExecuting(ApiDescriptionProviderContext context)
    {
    }

    public void OnProvidersExecuted(ApiDescriptionProviderContext context)
    {
        foreach (var description in context.Results)
        {
            if (description.ActionDescriptor.EndpointMetadata.OfType<DocumentedBody>().LastOrDefault() is not { } body)
            {
                continue;
            }

            description.ParameterDescriptions.Add(new ApiParameterDescription
            {
                Name = "body",
                Type = body.Type,
                Source = BindingSource.Body,
                IsRequired = !body.Optional,
                ModelMetadata = Metadata.GetMetadataForType(body.Type),
            });
            foreach (var contentType in body.ContentTypes)
            {
                description.SupportedRequestFormats.Add(new ApiRequestFormat { MediaType = contentType });
            }
        }
    }
}
