using System.Text.Json.Nodes;

namespace Skein.Host.Api.Document;

/// <summary>
/// Short forms of the built-in OpenAPI metadata for what the handlers read by hand (bodies go through
/// <see cref="RequestBody"/> and <see cref="BoundedBody"/>, so nothing is inferred from the handler's parameters).
/// </summary>
internal static class OpenApiMetadata
{
    /// <summary>ProblemDetails answers the handler itself gives (400 as a validation problem, with <c>errors</c>).</summary>
    public static RouteHandlerBuilder Problems(this RouteHandlerBuilder builder, params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _ = status == StatusCodes.Status400BadRequest ? builder.ProducesValidationProblem() : builder.ProducesProblem(status);
        }

        return builder;
    }

    /// <summary>A JSON body of type <typeparamref name="T"/>, read with a limit: 400 when it is not that, 413 when too large.</summary>
    public static RouteHandlerBuilder JsonBody<T>(this RouteHandlerBuilder builder, bool optional = false)
        where T : notnull =>
        builder.WithMetadata(new DocumentedBody(typeof(T), optional, ["application/json"])).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);

    /// <summary>Any JSON as the body (an event's payload, a trigger's request), stored as sent; may be empty.</summary>
    public static RouteHandlerBuilder RawJsonBody(this RouteHandlerBuilder builder) => builder.JsonBody<JsonNode>(optional: true);

    /// <summary>A file as the body, streamed with a limit.</summary>
    public static RouteHandlerBuilder FileBody(this RouteHandlerBuilder builder, bool optional, params string[] contentTypes) =>
        builder.WithMetadata(new DocumentedBody(typeof(Stream), optional, contentTypes)).Problems(StatusCodes.Status400BadRequest, StatusCodes.Status413PayloadTooLarge);

    /// <summary>A file as the answer.</summary>
    public static RouteHandlerBuilder ProducesFile(this RouteHandlerBuilder builder, string contentType) =>
        builder.Produces<Stream>(StatusCodes.Status200OK, contentType);
}
