namespace Skein.Host.Api;

/// <summary>
/// Attaches an <see cref="AccessPolicy"/> to endpoints (a group or one endpoint), the way YARP attaches its
/// authorization policy to each route's endpoint, and refuses every endpoint that has none: whoever maps an endpoint
/// decides there who may call it, and an endpoint mapped without a decision answers nobody.
/// </summary>
internal static partial class AccessPolicies
{
    /// <summary>Checks <paramref name="policy"/> before the handler runs (after its parameters are bound, as before).</summary>
    public static TBuilder RequireAccess<TBuilder>(this TBuilder builder, AccessPolicy policy)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithMetadata(policy);
        if (policy != AccessPolicy.Anonymous)
        {
            builder.AddEndpointFilter(async (context, next) =>
            {
                policy.Check(context.HttpContext);
                return await next(context);
            });
        }

        return builder;
    }

    /// <summary>Answers 500 for a mapped endpoint without an access policy instead of letting anyone call it.</summary>
    public static void UseAccessPolicies(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetEndpoint() is RouteEndpoint endpoint && endpoint.Metadata.GetMetadata<AccessPolicy>() is null)
        {
            LogNoPolicy(http.RequestServices.GetRequiredService<ILogger<AccessPolicy>>(), endpoint.RoutePattern.RawText);
            http.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status500InternalServerError,
                    Type = "urn:skein:problem:host-fault",
                    Title = "Endpoint without an access policy",
                    Detail = "This endpoint was mapped without saying who may call it, so it answers no one; tell the operator.",
                },
            });
            return;
        }

        await next(http);
    });

    [LoggerMessage(EventId = EventIds.EndpointWithoutPolicy, Level = LogLevel.Error,
        Message = "Endpoint {Route} has no access policy and was refused; map it with RequireAccess")]
    private static partial void LogNoPolicy(ILogger logger, string? route);
}
