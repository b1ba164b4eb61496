using Skein.Host.Api.Document;
using Skein.Host.Engine;

namespace Skein.Host.Api.History;

/// <summary>
/// <c>GET /v1/tenants/{tenant}/instances/{id}/history</c>: the instance's log as the versioned history export
/// (<see cref="HistoryWriter"/>), for a person to read and for <c>WorkflowTestHost.ReplayAsync</c> to replay.
/// </summary>
internal static class HistoryEndpoint
{
    public static void MapHistoryEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tenants/{tenant}/instances/{id}/history", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var history = engine.Describe(runtime, id) ?? throw new NotFoundException($"Instance '{id}' does not exist.");
            http.Response.ContentType = "application/json; charset=utf-8";
            await HistoryWriter.WriteAsync(http.Response.Body, runtime.Tenant, history,
                (after, limit) => runtime.Read(log => log.ReadHistory(id, after, limit)), http.RequestAborted);
            return Results.Empty;
        }).RequireAccess(AccessPolicy.Tenant).WithTags("Instances").WithName("getInstanceHistory")
          .Produces<HistoryExport>()
          .WithSummary("The instance's log as a versioned JSON export (format skein.history): for reading and for replay in tests.");
}
