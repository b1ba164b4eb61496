using FluentValidation;
using Skein.Dashboard;
using Skein.Host.Api;
using Skein.Host.Api.Document;
using Skein.Host.Api.History;
using Skein.Host.Backup;
using Skein.Host.Demo;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Storage;
using Skein.Host.Telemetry;
using Skein.Host.Tenants;

namespace Skein.Host;

/// <summary>Wires the host: options, the engine and its lifetime, tenants, plugins and the HTTP endpoints.</summary>
public static class HostSetup
{
    /// <summary>Registers Skein's services, bound from the <c>Skein</c> configuration section.</summary>
    public static IServiceCollection AddSkeinHost(this IServiceCollection services, IConfiguration configuration)
    {
        // Each feature adds itself; the order is the order their hosted services start in: storage (the data folder's
        // lock, the catalog), the engine (recovery), the tenants (read once the engine runs), then the rest.
        services.AddSkeinStorage(sp => new Storage.DataFolder(sp.GetRequiredService<EngineOptions>().DataDir));
        services.AddSkeinEngine(configuration);
        services.AddSkeinTenants();
        services.AddSkeinPlugins();
        services.AddSkeinDemo();
        services.AddSkeinBackup(configuration);
        services.AddSkeinTelemetry(configuration, "skein-host");
        services.AddSingleton<NodeGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<NodeGauges>());
        services.AddHostedService<StartupLog>();

        services.AddProblemDetails();
        services.AddCreateRateLimiting();
        services.AddSkeinApiDocument();
        services.AddExceptionHandler<ErrorHandler>();
        services.AddValidatorsFromAssemblyContaining<ErrorHandler>(ServiceLifetime.Singleton, includeInternalTypes: true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);
        return services;
    }

    /// <summary>Maps the health endpoints and the API.</summary>
    public static WebApplication MapSkeinHost(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAccessPolicies();
        app.UseRateLimiter();
        app.UseRestoreRetry();
        app.UseFrozenTenantGate();
        app.MapSkeinApiDocument();
        app.MapHealthEndpoints();
        app.MapTenantEndpoints();
        app.MapDeploymentEndpoints();
        app.MapInstanceEndpoints();
        app.MapStreamEndpoint();
        app.MapLogsEndpoint();
        app.MapHistoryEndpoint();
        app.MapTriggerEndpoint();
        app.MapMetricsEndpoint();
        app.MapBackupEndpoints();
        app.MapFreezeEndpoints();
        app.MapScheduleEndpoints();
        app.MapSdkPackageEndpoint();
        app.MapDashboard("/ui").RequireAccess(AccessPolicy.Anonymous);
        return app;
    }
}
