using Skein.Host.Api.Document;
using Skein.Host.Engine;

namespace Skein.Host.Api;

/// <summary>The schedules API of DESIGN §9: create, list, get, delete, pause, resume.</summary>
internal static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        var schedules = app.MapGroup("/v1/tenants/{tenant}/schedules").WithTags("Schedules").RequireAccess(AccessPolicy.Tenant);

        schedules.MapPost("", async (HttpContext http, string tenant, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            // Params up to twice the limit are read, so that a too large one is named (400) rather than refused whole.
            var request = await RequestBody.ReadAsync<CreateScheduleRequest>(http.Request, 2 * runtime.Limits.MaxPayloadBytes + (long)BoundedBody.Envelope);
            var created = await engine.CreateScheduleAsync(runtime, new NewSchedule(request.Id, request.Workflow, request.Cron,
                request.TimeZone, request.ParamsJson, request.Overlap));
            http.Response.Headers.Location = $"/v1/tenants/{tenant}/schedules/{created.Schedule.Row.Id}";
            return Results.Json(ScheduleDescription.From(created.Schedule),
                statusCode: created.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK);
        }).WithName("createSchedule").JsonBody<CreateScheduleRequest>()
          .Produces<ScheduleDescription>(StatusCodes.Status201Created).Produces<ScheduleDescription>().Problems(StatusCodes.Status409Conflict)
          .WithSummary("Create a schedule {id, workflow, cron, timeZone?, params?, overlap?: \"allow\"|\"skip\"} → 201; the same id and body again → 200, "
            + "a different body → 409. Each tick creates the instance {id}-{yyyyMMddTHHmmss} (the tick's UTC time).");

        schedules.MapGet("", async (HttpContext http, string tenant, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok((await engine.ListSchedulesAsync(runtime)).Select(ScheduleDescription.From).ToList());
        }).WithName("listSchedules").Produces<List<ScheduleDescription>>().WithSummary("List the tenant's schedules, from the API and from [Schedule] attributes of the active version (source).");

        schedules.MapGet("/{id}", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(ScheduleDescription.From(await engine.GetScheduleAsync(runtime, id)));
        }).WithName("getSchedule").Produces<ScheduleDescription>().WithSummary("Show a schedule with its next and last tick.");

        schedules.MapDelete("/{id}", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            await engine.DeleteScheduleAsync(runtime, id);
            return Results.NoContent();
        }).WithName("deleteSchedule").Produces(StatusCodes.Status204NoContent).WithSummary("Delete a schedule; the instances its ticks created stay.");

        schedules.MapPost("/{id}/pause", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(ScheduleDescription.From(await engine.SetSchedulePausedAsync(runtime, id, paused: true)));
        }).WithName("pauseSchedule").Produces<ScheduleDescription>().WithSummary("Pause a schedule: it takes no tick until resumed.");

        schedules.MapPost("/{id}/resume", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(ScheduleDescription.From(await engine.SetSchedulePausedAsync(runtime, id, paused: false)));
        }).WithName("resumeSchedule").Produces<ScheduleDescription>().WithSummary("Resume a paused schedule from its next tick; the ticks that fell while it was paused are not made up.");
    }
}
