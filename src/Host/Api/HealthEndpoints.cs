using Skein.Host.Api.Document;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>Liveness and readiness (DESIGN §4), for anyone without a key.</summary>
internal static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        var health = app.MapGroup("").WithTags("Operations").RequireAccess(AccessPolicy.Anonymous);

        health.MapGet("/healthz", () => Results.Ok(HealthResponse.Of("ok")))
            .WithName("healthz").Produces<HealthResponse>().WithSummary("Liveness: the process answers.");

        health.MapGet("/readyz", (TenantRuntimes engine, Storage.DataFolderHealth storage) => !engine.IsReady
            ? Results.Json(HealthResponse.Of("recovering"), statusCode: StatusCodes.Status503ServiceUnavailable)
            : storage.Problem() is { } problem
                ? Results.Json(new HealthResponse("unwritable", problem), statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(HealthResponse.Of("ready")))
            .WithName("readyz").Produces<HealthResponse>().Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable)
            .WithSummary("Readiness: 200 {status: \"ready\"}; 503 {status: \"recovering\"} during recovery, or {status: \"unwritable\", detail} when the data folder cannot be written.");
    }
}
