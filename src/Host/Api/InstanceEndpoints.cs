using System.Globalization;
using Skein.Host.Api.Document;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>The instance API of DESIGN §4: create, batch, list, describe, control, events.</summary>
internal static class InstanceEndpoints
{
    public static void MapInstanceEndpoints(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/v1/tenants/{tenant}").WithTags("Instances").RequireAccess(AccessPolicy.Tenant);

        tenant.MapPost("/workflows/{workflow}/instances", async (HttpContext http, string tenant, string workflow, string? wait, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var waitFor = WaitDuration.Parse(wait);
            var request = await RequestBody.ReadAsync<CreateInstanceRequest>(http.Request, CreateLimit(runtime), allowEmpty: true);
            var created = await engine.CreateAsync(runtime, workflow, request.Id, request.ParamsJson);
            var status = created.Created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
            var ended = waitFor is { } duration && await WaitForEndAsync(engine, runtime, created.Id, duration, http.RequestAborted);
            if (waitFor is not null && !ended)
            {
                status = StatusCodes.Status202Accepted;
            }

            http.Response.Headers.Location = $"/v1/tenants/{tenant}/instances/{created.Id}";
            // A new instance that was not waited for is answered as created, without reading it back.
            var described = created.Created && waitFor is null
                ? InstanceDescriber.Describe(created.Instance)
                : engine.Describe(runtime, created.Id) is { } history ? InstanceDescriber.Describe(history) : null;
            return Results.Json(described, statusCode: status);
        }).RequireRateLimiting(CreateRateLimiting.Policy)
          .WithName("createInstance").JsonBody<CreateInstanceRequest>(optional: true)
          .Produces<InstanceDescription>(StatusCodes.Status201Created).Produces<InstanceDescription>().Produces<InstanceDescription>(StatusCodes.Status202Accepted)
          .Problems(StatusCodes.Status409Conflict)
          .WithSummary("Create an instance (201), or return the existing one with the same id (200); ?wait=30s answers when it ends (202 if it has not).");

        tenant.MapPost("/workflows/{workflow}/instances/batch", async (HttpContext http, string tenant, string workflow, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var items = await ReadBatchAsync(http, runtime);
            var results = await engine.CreateBatchAsync(runtime, workflow, items.Select(i => (i.Id, i.ParamsJson)).ToList());
            return Results.Ok(results.Select(r => r.Instance is { } i
                ? new BatchItemResponse(i.Id, i.Status.Name, i.Created, null)
                : new BatchItemResponse(null, null, null, new BatchItemError(StatusOf(r.Error!), r.Error!.Message))));
        }).RequireRateLimiting(CreateRateLimiting.Policy)
          .WithName("createInstanceBatch").JsonBody<List<CreateInstanceRequest>>().Produces<IEnumerable<BatchItemResponse>>()
          .WithSummary("Create up to 100 instances; each item succeeds or fails on its own.");

        tenant.MapGet("/instances", async (HttpContext http, string tenant, string? workflow, string? status, int? limit, string? cursor, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var query = ListQuery(workflow, status, limit, cursor);
            var (items, next) = engine.List(runtime, query);
            return Results.Ok(new InstancePage(items.Select(InstanceDescriber.Describe).ToList(), next?.ToString(CultureInfo.InvariantCulture)));
        }).WithName("listInstances").Produces<InstancePage>().Problems(StatusCodes.Status400BadRequest)
          .WithSummary("List instances in creation order: ?workflow=&status=&limit=&cursor=.");

        tenant.MapGet("/instances/{id}", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(InstanceDescriber.Describe(engine.Describe(runtime, id) ?? throw new NotFoundException($"Instance '{id}' does not exist.")));
        }).WithName("describeInstance").Produces<InstanceDescription>().WithSummary("Describe an instance with every step and attempt.");

        tenant.MapDelete("/instances/{id}", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return await engine.DeleteAsync(runtime, id)
                ? Results.NoContent()
                : throw new NotFoundException($"Instance '{id}' does not exist.");
        }).WithName("deleteInstance").Produces(StatusCodes.Status204NoContent).WithSummary("Stop (if running) and delete an instance with its history.");

        tenant.MapPost("/instances/{id}/pause", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(new StatusResponse(id, (await engine.PauseAsync(runtime, id)).Name));
        }).WithName("pauseInstance").Produces<StatusResponse>().Problems(StatusCodes.Status409Conflict).WithSummary("Pause after in-flight steps finish (waitingForPause until then).");

        tenant.MapPost("/instances/{id}/resume", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            return Results.Ok(new StatusResponse(id, (await engine.ResumeAsync(runtime, id)).Name));
        }).WithName("resumeInstance").Produces<StatusResponse>().Problems(StatusCodes.Status409Conflict).WithSummary("Resume a paused instance.");

        tenant.MapPost("/instances/{id}/terminate", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var request = await RequestBody.ReadAsync<TerminateRequest>(http.Request, BoundedBody.Envelope, allowEmpty: true);
            return Results.Ok(new StatusResponse(id, (await engine.TerminateAsync(runtime, id, request.Rollback)).Name));
        }).WithName("terminateInstance").JsonBody<TerminateRequest>(optional: true).Produces<StatusResponse>().Problems(StatusCodes.Status409Conflict)
          .WithSummary("Terminate: cancels the running attempt; {\"rollback\": true} runs rollback handlers first.");

        tenant.MapPost("/instances/{id}/restart", async (HttpContext http, string tenant, string id, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var request = await RequestBody.ReadAsync<RestartRequest>(http.Request, BoundedBody.Envelope, allowEmpty: true);
            var status = await engine.RestartAsync(runtime, id, request.From?.Name, request.From?.Count ?? 1);
            return Results.Ok(new StatusResponse(id, status.Name));
        }).WithName("restartInstance").JsonBody<RestartRequest>(optional: true).Produces<StatusResponse>().Problems(StatusCodes.Status409Conflict)
          .WithSummary("Run again from the start, or from {\"from\": {\"name\", \"count\"}} keeping earlier results.");

        tenant.MapPost("/instances/{id}/events/{type}", async (HttpContext http, string tenant, string id, string type, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var payload = await RequestBody.ReadJsonTextAsync(http.Request, runtime.Limits.MaxPayloadBytes);
            await engine.SendEventAsync(runtime, id, type, payload);
            return Results.Accepted($"/v1/tenants/{tenant}/instances/{id}", new SentEventResponse(id, type));
        }).WithName("sendEvent").RawJsonBody().Produces<SentEventResponse>(StatusCodes.Status202Accepted).Problems(StatusCodes.Status409Conflict)
          .WithSummary("Send an event; the body is its JSON payload. Kept until a wait for its type takes it.");
    }

    internal static async Task<bool> WaitForEndAsync(WorkflowEngine engine, TenantRuntime runtime, string id, TimeSpan wait, CancellationToken aborted)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        timeout.CancelAfter(wait);
        try
        {
            await engine.WaitForStatusAsync(runtime, id, InstanceStatus.IsFinished, timeout.Token);
            return true;
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>A create body: the tenant's payload limit for the params, plus room for the id and the wrapper.</summary>
    private static long CreateLimit(TenantRuntime runtime) =>
        runtime.Limits.MaxPayloadBytes + (long)BoundedBody.Envelope;

    private static async Task<List<CreateInstanceRequest>> ReadBatchAsync(HttpContext http, TenantRuntime runtime)
    {
        var items = await RequestBody.ReadAsync<List<CreateInstanceRequest>>(http.Request, WorkflowEngine.MaxBatch * CreateLimit(runtime));
        return items.Count is 0 or > WorkflowEngine.MaxBatch
            ? throw ApiException.Invalid($"A batch holds 1–{WorkflowEngine.MaxBatch} instances; this one holds {items.Count}.")
            : items;
    }

    private static InstanceQuery ListQuery(string? workflow, string? status, int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        InstanceStatus? wanted = null;
        if (status is not null)
        {
            if (InstanceStatus.TryParse(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors["status"] = [$"'{status}' is not a status; use one of {string.Join(", ", InstanceStatus.All.Select(s => s.Name))}."];
            }
        }

        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["'limit' must be between 1 and 1000."];
        }

        long? after = null;
        if (cursor is not null)
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) && seq > 0)
            {
                after = seq;
            }
            else
            {
                errors["cursor"] = ["'cursor' must be a value returned as nextCursor by an earlier page."];
            }
        }

        return errors.Count > 0
            ? throw ApiException.Invalid("The list query has invalid parameters.", errors)
            : new InstanceQuery(workflow, wanted, limit ?? 50, after);
    }

    private static int StatusOf(EngineException error) => error switch
    {
        NotFoundException => 404,
        ConflictException => 409,
        PayloadTooLargeException => 413,
        _ => 400,
    };
}
