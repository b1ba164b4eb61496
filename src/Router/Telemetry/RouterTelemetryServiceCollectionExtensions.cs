using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Skein.Router.Telemetry;

/// <summary>
/// OpenTelemetry for the router, exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: incoming requests
/// and the forwarding to nodes as spans (YARP passes the <c>traceparent</c> on, so a node's spans join the trace),
/// ASP.NET Core's meters and the router's own (moves).
/// </summary>
internal static class RouterTelemetryServiceCollectionExtensions
{
    public static IServiceCollection AddRouterTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            return services;
        }

        services.AddOpenTelemetry().ConfigureResource(r => r.AddService("skein-router"))
            .WithTracing(tracing => tracing.AddSource("Yarp.ReverseProxy").AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation().AddOtlpExporter())
            .WithMetrics(metrics => metrics.AddMeter(RouterInstruments.Name).AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation().AddOtlpExporter());
        return services;
    }
}
