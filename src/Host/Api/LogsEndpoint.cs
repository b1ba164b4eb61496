using Skein.Host.Api.Document;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Skein.Host.Engine;
using Skein.Host.Storage;

namespace Skein.Host.Api;

/// <summary>
/// <c>GET …/instances/{id}/logs?cursor=&amp;limit=</c>: the lines the instance's workflow code logged, oldest first,
/// paged like the instance list (<c>{items, nextCursor}</c>; limit 1–1000, default 100). The cursor is the seq of the
/// page's last line, the same number the stream uses as the line's event id.
/// </summary>
internal static class LogsEndpoint
{
    private const int DefaultLimit = 100;

    public static void MapLogsEndpoint(this IEndpointRouteBuilder app) =>
        app.MapGet("/v1/tenants/{tenant}/instances/{id}/logs", async (HttpContext http, string tenant, string id, int? limit, string? cursor) =>
        {
            var runtime = await http.BindTenantAsync(tenant);
            var (after, take) = Query(limit, cursor);
            if (runtime.Read(log => log.FindInstance(id)) is null)
            {
                throw new NotFoundException($"Instance '{id}' does not exist.");
            }

            // One more than asked tells whether another page follows.
            var rows = runtime.Read(log => log.ReadLogs(id, after, take + 1));
            var page = rows.Take(take).Select(Describe).ToList();
            var next = rows.Count > take ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
            return Results.Ok(new LogPage(page, next));
        }).RequireAccess(AccessPolicy.Tenant).WithTags("Instances").WithName("listInstanceLogs")
          .Produces<LogPage>().Problems(StatusCodes.Status400BadRequest)
          .WithSummary("The lines the instance's workflow code logged, oldest first: ?cursor=&limit=.");

    private static LogLineDescription Describe(LogLineRow row)
    {
        var line = row.Line;
        return new LogLineDescription(row.Seq, DateTimeOffset.FromUnixTimeMilliseconds(line.At), LevelName(line.Level),
            JsonText.MakeWritableString(line.Message),
            line.StepName is { } name ? new LogStepDescription(JsonText.MakeWritableString(name), line.StepCount ?? 1) : null,
            line.Attempt);
    }

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trace",
        LogLevel.Debug => "debug",
        LogLevel.Warning => "warning",
        LogLevel.Error => "error",
        LogLevel.Critical => "critical",
        _ => "information",
    };

    private static (long After, int Limit) Query(int? limit, string? cursor)
    {
        var errors = new Dictionary<string, string[]>();
        if (limit is < 1 or > 1000)
        {
            errors["limit"] = ["'limit' must be between 1 and 1000."];
        }

        long after = 0;
        if (cursor is not null && !(long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out after) && after > 0))
        {
            errors["cursor"] = ["'cursor' must be a value returned as nextCursor by an earlier page."];
        }

        return errors.Count > 0
            ? throw ApiException.Invalid("The logs query has invalid parameters.", errors)
            : (after, limit ?? DefaultLimit);
    }
}
