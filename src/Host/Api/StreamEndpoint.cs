using Skein.Host.Api.Document;
using System.Globalization;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// <c>GET …/instances/{id}/stream</c>: the instance's history as server-sent events, from the start or from a
/// cursor (<c>?cursor=</c> or <c>Last-Event-ID</c>), live until the instance ends. Each event's id is its history
/// sequence number, never reused in the tenant's log, so a client that reconnects with it misses nothing and sees
/// nothing twice. A cursor that names no event of this instance (an earlier run under the same id, or a log
/// restored from a backup) is answered with a <c>reset</c> event and the history from its start. The stream is
/// bound to the tenant runtime it opened on: when the tenant is deleted, restored or moved, it ends.
/// </summary>
internal static class StreamEndpoint
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static void MapStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tenants/{tenant}/instances/{id}/stream", async (HttpContext http, string tenant, string id, string? cursor, WorkflowEngine engine) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var after = ParseCursor(cursor ?? http.Request.Headers["Last-Event-ID"].ToString());
            if (runtime.Read(log => log.FindInstance(id)) is null)
            {
                throw new NotFoundException($"Instance '{id}' does not exist.");
            }

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var aborted = http.RequestAborted;
            try
            {
                if (after > 0 && !IsEventOf(runtime, id, after))
                {
                    await http.Response.WriteAsync("event: reset\ndata: {\"reason\":\"unknown-cursor\"}\n\n", aborted);
                    after = 0;
                }

                while (!aborted.IsCancellationRequested)
                {
                    // Read the status first: history written before an end is then read below, so nothing is cut off.
                    var status = runtime.Read(log => log.FindInstance(id))?.Status;
                    after = await SendHistoryAsync(http, runtime, id, after, aborted);
                    if (status is not { } current || InstanceStatus.IsFinished(current))
                    {
                        await EndAsync(http, "{}", aborted);
                        return;
                    }

                    await WaitForChangeAsync(engine, runtime, id, current, aborted);
                }
            }
            catch (EngineException) when (runtime.IsStopped && !aborted.IsCancellationRequested)
            {
                var reason = runtime.StopReason == TenantStopReason.Deleted ? "tenant-deleted" : "tenant-stopped";
                await EndAsync(http, $"{{\"reason\":\"{reason}\"}}", aborted);
            }
        }).RequireAccess(AccessPolicy.Tenant).WithTags("Instances").WithName("streamInstance")
          .Produces<string>(StatusCodes.Status200OK, "text/event-stream").Problems(StatusCodes.Status400BadRequest).WithSummary("Server-sent events of the instance's history, live until it ends.");

    /// <summary>Sends every history row after <paramref name="after"/>, page by page until none is left.</summary>
    private static async Task<long> SendHistoryAsync(HttpContext http, TenantRuntime runtime, string id, long after, CancellationToken aborted)
    {
        while (true)
        {
            var rows = runtime.Read(log => log.ReadHistory(id, after));
            foreach (var row in rows)
            {
                await http.Response.WriteAsync(
                    $"id: {row.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: {row.Kind}\ndata: {row.Data ?? "{}"}\n\n", aborted);
                after = row.Seq;
            }

            await http.Response.Body.FlushAsync(aborted);
            if (rows.Count == 0)
            {
                return after;
            }
        }
    }

    private static async Task EndAsync(HttpContext http, string data, CancellationToken aborted)
    {
        await http.Response.WriteAsync($"event: end\ndata: {data}\n\n", aborted);
        await http.Response.Body.FlushAsync(aborted);
    }

    /// <summary>True when <paramref name="seq"/> is an event of this instance's current history.</summary>
    private static bool IsEventOf(TenantRuntime runtime, string id, long seq) =>
        runtime.Read(log => log.ReadHistory(id, seq - 1, limit: 1)) is [var row] && row.Seq == seq;

    private static async Task WaitForChangeAsync(WorkflowEngine engine, TenantRuntime runtime, string id, InstanceStatus status, CancellationToken aborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(Poll);
        try
        {
            await engine.WaitForStatusAsync(runtime, id, s => s != status, wait.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            // Steps change history without changing the status: look again after a short while.
        }
        catch (NotFoundException) when (!runtime.IsStopped)
        {
            // The instance was deleted: the next look finds no status and ends the stream.
        }
    }

    private static long ParseCursor(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? 0
        : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
        : throw ApiException.Invalid($"'{cursor}' is not a stream cursor: use the id of the last event received.");
}
