namespace Skein.Host.Api;

/// <summary>
/// <c>GET /metrics</c>: the node's OpenTelemetry metrics in the Prometheus text format, written by the OpenTelemetry
/// Prometheus exporter (docs/operations.md, "Telemetry", lists the series). Operator-only: it names every tenant, so
/// it needs the admin key (401 without a key, 403 with a tenant key).
/// </summary>
internal static class MetricsEndpoint
{
    public static void MapMetricsEndpoint(this WebApplication app)
    {
        // The exporter is a middleware; run as this endpoint's handler it sits behind the access policy's filter and
        // in the API document like every other endpoint.
        var exporter = ((IApplicationBuilder)app).New();
        exporter.UseOpenTelemetryPrometheusScrapingEndpoint(meterProvider: null, predicate: _ => true, path: null,
            configureBranchedPipeline: null, optionsName: null);
        var scrape = exporter.Build();
        app.MapGet("/metrics", async (HttpContext http, CancellationToken cancel) => await scrape(http))
            .RequireAccess(AccessPolicy.Operator("Reading metrics")).WithTags("Operations").WithName("metrics")
            .Produces<string>(StatusCodes.Status200OK, "text/plain").WithSummary("Prometheus metrics (admin key).");
    }
}
