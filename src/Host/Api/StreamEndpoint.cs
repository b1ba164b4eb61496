using System.Globalization;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// <c>GET …/instances/{id}/stream</c>: the instance's history as server-sent events, from the start or from a
/// cursor (<c>?cursor=</c> or <c>Last-Event-ID</c>), live until the instance ends. Each event's id is its history
/// sequence number, so a client that reconnects with it misses nothing and sees nothing twice.
/// </summary>
internal static class StreamEndpoint
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);

    public static void MapStreamEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tenants/{tenant}/instances/{id}/stream", async (HttpContext http, string tenant, string id, string? cursor, WorkflowEngine engine) =>
        {
            http.RequireTenant(tenant);
            var log = engine.Runtime(tenant).Log;
            var after = ParseCursor(cursor ?? http.Request.Headers["Last-Event-ID"].ToString());
            if (log.FindInstance(id) is null)
            {
                throw new NotFoundException($"Instance '{id}' does not exist.");
            }

            http.Response.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            var aborted = http.RequestAborted;
            while (!aborted.IsCancellationRequested)
            {
                // Read the status first: history written before an end is then read below, so nothing is cut off.
                var status = log.FindInstance(id)?.Status;
                foreach (var row in log.ReadHistory(id, after))
                {
                    await http.Response.WriteAsync(
                        $"id: {row.Seq.ToString(CultureInfo.InvariantCulture)}\nevent: {row.Kind}\ndata: {row.Data ?? "{}"}\n\n", aborted);
                    after = row.Seq;
                }

                await http.Response.Body.FlushAsync(aborted);
                if (status is null || InstanceStatus.IsFinished(status))
                {
                    await http.Response.WriteAsync("event: end\ndata: {}\n\n", aborted);
                    return;
                }

                await WaitForChangeAsync(engine, tenant, id, status, aborted);
            }
        }).WithTags("Instances").WithSummary("Server-sent events of the instance's history, live until it ends.");

    private static async Task WaitForChangeAsync(WorkflowEngine engine, string tenant, string id, string status, CancellationToken aborted)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        wait.CancelAfter(Poll);
        try
        {
            await engine.WaitForStatusAsync(tenant, id, s => s != status, wait.Token);
        }
        catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
        {
            // Steps change history without changing the status: look again after a short while.
        }
    }

    private static long ParseCursor(string? cursor) =>
        string.IsNullOrEmpty(cursor) ? 0
        : long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq
        : throw ApiException.Invalid($"'{cursor}' is not a stream cursor: use the id of the last event received.");
}
