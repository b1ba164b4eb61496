using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Skein.Host.Telemetry;

/// <summary>
/// OpenTelemetry for a host node: the <c>Skein</c> meter and ASP.NET Core's own meters, read by the Prometheus
/// exporter behind <c>/metrics</c>; with <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, metrics and traces (the
/// <c>Skein</c> source, incoming HTTP, outgoing HttpClient calls) also go out over OTLP, configured by the standard
/// <c>OTEL_*</c> variables. Without an endpoint no tracer listens, so the engine's spans are never started.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public static IServiceCollection AddSkeinTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        var otlp = !string.IsNullOrWhiteSpace(configuration[OtlpEndpointSetting]);
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(SkeinTelemetry.Name).AddAspNetCoreInstrumentation()
                // Fresh figures on every scrape: the engine's counters move faster than a cache would let them show.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp)
            {
                metrics.AddOtlpExporter();
            }
        });
        if (otlp)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(SkeinTelemetry.Name)
                .AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddOtlpExporter());
        }

        return services;
    }
}
