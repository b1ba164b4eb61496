using Skein.Host.Api.Document;
using Microsoft.AspNetCore.Routing.Template;
using Skein.Host.Engine;
using Skein.Host.Storage;
using Skein.TenantSdk;

namespace Skein.Host.Api;

/// <summary>
/// <c>ANY /v1/tenants/{tenant}/run/{**path}</c>: starts the workflow whose <see cref="HttpTriggerAttribute"/> in the
/// tenant's active version matches the method and path. 202 with the instance's id and URL; with <c>?wait=</c>, the
/// output (200) or the failure (500 errored, 409 terminated). An <c>Idempotency-Key</c> header becomes the
/// instance id, so a retried request never starts the work twice.
/// </summary>
internal static class TriggerEndpoint
{
    public static void MapTriggerEndpoint(this IEndpointRouteBuilder app) =>
        app.MapMethods("/v1/tenants/{tenant}/run/{**path}", ["GET", "POST", "PUT", "PATCH", "DELETE"], async (HttpContext http, string tenant, string? path, string? wait, WorkflowEngine engine, IWorkflowResolver resolver) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var waitFor = WaitDuration.Parse(wait);
            var (workflow, request) = Match(resolver, tenant, http, path ?? "")
                ?? throw new NotFoundException($"Tenant '{tenant}' has no HTTP trigger for {http.Request.Method} run/{path}.");
            var body = await RequestBody.ReadJsonTextAsync(http.Request, runtime.Limits.MaxPayloadBytes);
            var id = http.Request.Headers["Idempotency-Key"].FirstOrDefault();
            var created = await engine.CreateAsync(runtime, workflow, id, body, request);
            var url = $"/v1/tenants/{tenant}/instances/{created.Id}";
            if (waitFor is not { } duration || !await InstanceEndpoints.WaitForEndAsync(engine, runtime, created.Id, duration, http.RequestAborted))
            {
                return Results.Accepted(url, new TriggeredInstanceResponse(created.Id, url, created.Status.Name));
            }

            var history = engine.Describe(runtime, created.Id)!;
            var described = InstanceDescriber.Describe(history);
            return history.Instance.Status switch
            {
                InstanceStatus.Complete => Results.Json(described.Output, statusCode: StatusCodes.Status200OK),
                InstanceStatus.Terminated => Results.Problem(statusCode: 409, type: "urn:skein:problem:terminated",
                    title: "The instance was terminated", detail: $"Instance '{created.Id}' was terminated before it finished."),
                _ => Results.Problem(statusCode: 500, type: "urn:skein:problem:workflow-errored",
                    title: described.Error?.Name ?? "Workflow failed", detail: described.Error?.Message,
                    extensions: new Dictionary<string, object?> { ["instanceId"] = created.Id, ["url"] = url }),
            };
        }).RequireAccess(AccessPolicy.Tenant).RequireRateLimiting(CreateRateLimiting.Policy).WithTags("Triggers")
          .WithName("runTrigger").RawJsonBody().Produces<TriggeredInstanceResponse>(StatusCodes.Status202Accepted).Produces<System.Text.Json.Nodes.JsonNode>()
          .Problems(StatusCodes.Status409Conflict)
          .WithSummary("Start the workflow whose HTTP trigger matches; ?wait=30s answers with its output.");

    private static (string Workflow, HttpTriggerRequest Request)? Match(IWorkflowResolver resolver, string tenant, HttpContext http, string path)
    {
        foreach (var workflow in resolver.ActiveWorkflows(tenant))
        {
            foreach (var trigger in workflow.Triggers)
            {
                if (!string.Equals(trigger.Method, http.Request.Method, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var values = new RouteValueDictionary();
                var matcher = new TemplateMatcher(TemplateParser.Parse(trigger.Route), []);
                if (!matcher.TryMatch("/" + path, values))
                {
                    continue;
                }

                var request = new HttpTriggerRequest(
                    http.Request.Method,
                    path,
                    values.ToDictionary(v => v.Key, v => Convert.ToString(v.Value, System.Globalization.CultureInfo.InvariantCulture) ?? ""),
                    http.Request.Query.ToDictionary(q => q.Key, q => q.Value.FirstOrDefault() ?? ""),
                    trigger.Headers
                        .Where(h => http.Request.Headers.ContainsKey(h))
                        .ToDictionary(h => h, h => http.Request.Headers[h].ToString(), StringComparer.OrdinalIgnoreCase));
                return (workflow.Name, request);
            }
        }

        return null;
    }
}
