using Skein.Host.Api.Document;
using Skein.Host.Backup;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>Backup and restore of a tenant (DESIGN §4, §8): the operator's endpoints.</summary>
internal static class BackupEndpoints
{
    public static void MapBackupEndpoints(this IEndpointRouteBuilder app)
    {
        var tenant = app.MapGroup("/v1/tenants/{tenant}").WithTags("Backup");

        tenant.MapGet("/backup", async (HttpContext http, string tenant, BackupWriter writer, EngineOptions engineOptions) =>
        {
            var path = NewWorkFile(engineOptions.DataDir, "backup");
            try
            {
                var manifest = await writer.WriteAsync(tenant, path);
                // Deleted once the response has streamed it (or failed to).
                var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920, FileOptions.DeleteOnClose);
                return Results.File(stream, "application/zip", $"{tenant}-{manifest.CreatedAt:yyyyMMdd'T'HHmmss'Z'}.zip");
            }
            catch
            {
                File.Delete(path);
                throw;
            }
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Backing up a tenant")).AvailableWhileFrozen().WithName("backupTenant")
          .ProducesFile("application/zip").Problems(StatusCodes.Status507InsufficientStorage).WithSummary("A consistent backup archive of the tenant (log snapshot, needed deployment versions, manifest), streamed as a zip; also while it is frozen (a move copies it then).");

        tenant.MapPost("/restore", async (HttpContext http, string tenant, string? @as, string? backup, RestoreService restore,
            BackupStore store, BackupOptions options, EngineOptions engineOptions, RestoresInProgress running) =>
        {
            if (!TenantIds.IsValid(tenant))
            {
                throw new NotFoundException($"Tenant '{tenant}' does not exist.");
            }

            var target = @as ?? tenant;
            // Visible (a delete answers 503) from before the archive is received until the restore has ended.
            using var inProgress = TenantIds.IsValid(target) ? running.Enter(target) : null;
            if (backup is not null)
            {
                var stored = store.Find(tenant, backup) ?? throw new NotFoundException($"Tenant '{tenant}' has no stored backup '{backup}'.");
                return Results.Ok(await RunAsync(restore, tenant, target, stored.Path, http.RequestAborted));
            }

            var path = NewWorkFile(engineOptions.DataDir, "restore");
            try
            {
                await ReceiveAsync(http, path, options.MaxArchiveBytes);
                return Results.Ok(await RunAsync(restore, tenant, target, path, http.RequestAborted));
            }
            finally
            {
                File.Delete(path);
            }
        }).RequireAccess(AccessPolicy.Operator("Restoring a tenant")).AvailableWhileFrozen().WithName("restoreTenant")
          .FileBody(optional: true, "application/zip").Produces<RestoreResult>().Problems(StatusCodes.Status422UnprocessableEntity).WithSummary("Restore a tenant from a backup archive (the body, or ?backup={id} of a stored one); ?as={id} restores it into another tenant id. Everything is verified before the live tenant is touched; a client that goes away before then (a cut upload, a dropped connection) gets no restore. A frozen tenant stays frozen (restored, nothing runs) until it is unfrozen.");

        tenant.MapPost("/backups", async (HttpContext http, string tenant, BackupStore store) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var stored = await Task.Run(() => store.Create(runtime, BackupKind.Manual));
            return Results.Created($"/v1/tenants/{tenant}/backups/{stored.Id}", stored);
        }).RequireAccess(AccessPolicy.OperatorOnTenant("Backing up a tenant")).AvailableWhileFrozen().WithName("createStoredBackup")
          .Produces<StoredBackup>(StatusCodes.Status201Created).WithSummary("Take a backup now and store it on this node; retention never deletes it (unless Skein:Backup:RetentionIncludesManual is set).");

        tenant.MapGet("/backups", (HttpContext http, string tenant, BackupStore store) =>
        {
            RequireValid(tenant);
            return Results.Ok(store.List(tenant));
        }).RequireAccess(AccessPolicy.Operator("Listing backups")).AvailableWhileFrozen().WithName("listStoredBackups")
          .Produces<IReadOnlyList<StoredBackup>>().WithSummary("The stored backups of the tenant, oldest first.");

        tenant.MapGet("/backups/{id}", (HttpContext http, string tenant, string id, BackupStore store) =>
        {
            RequireValid(tenant);
            var stored = store.Find(tenant, id) ?? throw new NotFoundException($"Tenant '{tenant}' has no stored backup '{id}'.");
            return Results.File(stored.Path, "application/zip", $"{tenant}-{id}.zip");
        }).RequireAccess(AccessPolicy.Operator("Downloading backups")).AvailableWhileFrozen().WithName("downloadStoredBackup")
          .ProducesFile("application/zip").WithSummary("Download a stored backup.");

        tenant.MapDelete("/backups/{id}", (HttpContext http, string tenant, string id, BackupStore store) =>
        {
            RequireValid(tenant);
            return store.Delete(tenant, id) ? Results.NoContent() : throw new NotFoundException($"Tenant '{tenant}' has no stored backup '{id}'.");
        }).RequireAccess(AccessPolicy.Operator("Deleting backups")).AvailableWhileFrozen().WithName("deleteStoredBackup")
          .Produces(StatusCodes.Status204NoContent).WithSummary("Delete a stored backup.");
    }

    /// <summary>
    /// A request that reached a tenant's runtime just before a restore quiesced it finds the runtime disposed; its
    /// write was never queued, so it answers 503 with Retry-After instead of a 500.
    /// </summary>
    public static void UseRestoreRetry(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next(http);
        }
        catch (ObjectDisposedException) when (!http.Response.HasStarted && http.Request.Path.StartsWithSegments("/v1/tenants")
            && !http.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested)
        {
            http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            http.Response.Headers.RetryAfter = "1";
            await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = http,
                ProblemDetails = new Microsoft.AspNetCore.Mvc.ProblemDetails
                {
                    Status = StatusCodes.Status503ServiceUnavailable,
                    Type = "urn:skein:problem:tenant-restoring",
                    Title = "Tenant is being restored",
                    Detail = "The tenant was restored (or removed) while this request ran, and the request did not take effect; retry it.",
                },
            });
        }
    });

    private static async Task<RestoreResult> RunAsync(RestoreService restore, string source, string target, string path, CancellationToken abandoned)
    {
        try
        {
            return await restore.RestoreAsync(source, target, path, abandoned);
        }
        catch (BackupRejectedException rejected)
        {
            throw rejected.NotAnArchive
                ? new ApiException(StatusCodes.Status400BadRequest, "not-a-backup", "Not a backup archive", rejected.Message)
                : new ApiException(StatusCodes.Status422UnprocessableEntity, "backup-rejected", "Backup archive rejected", rejected.Message);
        }
    }

    private static void RequireValid(string tenant)
    {
        if (!TenantIds.IsValid(tenant))
        {
            throw new NotFoundException($"Tenant '{tenant}' does not exist.");
        }
    }

    private static string NewWorkFile(string dataDir, string what)
    {
        var folder = BackupWriter.WorkFolder(dataDir);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{what}-{Guid.NewGuid():n}.zip");
    }

    /// <summary>Writes the body to <paramref name="path"/>, refusing it past <paramref name="limit"/> bytes.</summary>
    private static async Task ReceiveAsync(HttpContext http, string path, long limit)
    {
        await using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        using var flush = TrickleFlush.OfStream(file);
        if (await BoundedBody.CopyToAsync(http, file, limit, "The archive") == 0)
        {
            throw ApiException.Invalid("The restore needs the backup archive as the request body, or ?backup={id} of a stored backup.");
        }
    }
}
