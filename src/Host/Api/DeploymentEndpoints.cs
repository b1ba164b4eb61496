using Skein.Host.Api.Document;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Plugins.Validation;
using Skein.Host.Storage;
using Skein.Host.Tenants;

namespace Skein.Host.Api;

/// <summary>Deployments and workflows of a tenant (DESIGN §4).</summary>
internal static class DeploymentEndpoints
{
    public static void MapDeploymentEndpoints(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/v1/tenants/{tenant}").WithTags("Deployments").RequireAccess(AccessPolicy.Tenant);

        tenant.MapPost("/deployments", async (HttpContext http, string tenant, DeploymentService deployments) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var kind = KindOf(http.Request.ContentType);
            var body = await ReadBoundedAsync(http, runtime.Limits.MaxUploadBytes);
            var (record, created) = await deployments.DeployOrReuseAsync(runtime, body, kind, FileName(http.Request));
            var response = new DeploymentResponse(record.Version, [.. record.Workflows.Select(w => w.Name)], record.Sha256, true,
                DateTimeOffset.FromUnixTimeMilliseconds(record.UploadedAt));
            return created ? Results.Created($"/v1/tenants/{tenant}/deployments/{record.Version}", response) : Results.Ok(response);
        }).WithName("uploadDeployment").FileBody(optional: false, "application/octet-stream", "application/zip")
          .Produces<DeploymentResponse>(StatusCodes.Status201Created).Produces<DeploymentResponse>()
          .Problems(StatusCodes.Status415UnsupportedMediaType, StatusCodes.Status422UnprocessableEntity)
          .WithSummary("Upload a workflow DLL (application/octet-stream) or a zip of a publish folder (application/zip); 201 with the new active version, "
            + "200 with the existing version (made active) when one holds the same content, 422 listing every problem, 500 when the host failed.");

        tenant.MapGet("/deployments", (HttpContext http, string tenant, Catalog catalog, TenantRegistry registry) =>
        {
            var active = registry.Find(tenant)!.ActiveVersion;
            return Results.Ok(new DeploymentList(active, [.. catalog.ListDeployments(tenant).Select(d =>
                new DeploymentResponse(d.Version, [.. d.Workflows.Select(w => w.Name)], d.Sha256, d.Version == active,
                    DateTimeOffset.FromUnixTimeMilliseconds(d.UploadedAt)))]));
        }).WithName("listDeployments").Produces<DeploymentList>().WithSummary("List deployment versions and which one is active.");

        tenant.MapPost("/deployments/{version:int}/activate", (HttpContext http, string tenant, int version, DeploymentService deployments) =>
        {
            deployments.Activate(tenant, version);
            return Results.Ok(new ActiveVersionResponse(version));
        }).WithName("activateDeployment").Produces<ActiveVersionResponse>().Problems(StatusCodes.Status422UnprocessableEntity).WithSummary("Make a version the one new instances start on (roll back or forward).");

        tenant.MapGet("/workflows", (HttpContext http, string tenant, IWorkflowResolver resolver, TenantRegistry registry) =>
        {
            var active = registry.Find(tenant)!.ActiveVersion;
            return Results.Ok(resolver.ActiveWorkflows(tenant).Select(w => new WorkflowResponse(
                w.Name, active ?? w.Version, [.. w.Triggers.Select(t => $"{t.Method.ToUpperInvariant()} run/{t.Route}")])));
        }).WithTags("Workflows").WithName("listWorkflows").Produces<IEnumerable<WorkflowResponse>>().WithSummary("The workflows of the active version, with their HTTP triggers.");
    }

    private static UploadKind KindOf(string? contentType) => contentType?.Split(';')[0].Trim().ToLowerInvariant() switch
    {
        "application/octet-stream" or "application/x-msdownload" or "application/vnd.microsoft.portable-executable" => UploadKind.Dll,
        "application/zip" or "application/x-zip-compressed" => UploadKind.Zip,
        _ => throw new ApiException(StatusCodes.Status415UnsupportedMediaType, "unsupported-media-type", "Unsupported media type",
            $"Upload a DLL as application/octet-stream or a zip of a publish folder as application/zip; got '{contentType ?? "no Content-Type"}'."),
    };

    private static string? FileName(HttpRequest request) =>
        System.Net.Http.Headers.ContentDispositionHeaderValue.TryParse(request.Headers.ContentDisposition, out var disposition)
            ? disposition.FileName?.Trim('"')
            : null;

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContext http, long limit)
    {
        var body = await BoundedBody.ReadAsync(http, limit, "The upload");
        return body.Length == 0 ? throw ApiException.Invalid("The upload is empty: send the DLL or zip as the request body.") : body;
    }
}

/// <summary>A deployment version.</summary>
internal sealed record DeploymentResponse(int Version, IReadOnlyList<string> Workflows, string Sha256, bool Active, DateTimeOffset UploadedAt);

/// <summary>The deployment versions of a tenant.</summary>
internal sealed record DeploymentList(int? Active, IReadOnlyList<DeploymentResponse> Versions);

/// <summary>A workflow of the active version.</summary>
internal sealed record WorkflowResponse(string Name, int Version, IReadOnlyList<string> Triggers);
