using FluentValidation;
using Scalar.AspNetCore;
using Skein.Dashboard;
using Skein.Host.Api;
using Skein.Host.Backup;
using Skein.Host.Demo;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Storage;
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

        services.AddProblemDetails();
        services.AddCreateRateLimiting();
        services.AddOpenApi();
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
        app.MapOpenApi("/openapi/{documentName}.json").RequireAccess(AccessPolicy.Anonymous);
        app.MapScalarApiReference("/reference").RequireAccess(AccessPolicy.Anonymous);
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" })).RequireAccess(AccessPolicy.Anonymous);
        app.MapGet("/readyz", (TenantRuntimes engine, Storage.DataFolderHealth storage) => !engine.IsReady
            ? Results.Json(new { status = "recovering" }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : storage.Problem() is { } problem
                ? Results.Json(new { status = "unwritable", detail = problem }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new { status = "ready" })).RequireAccess(AccessPolicy.Anonymous);
        app.MapTenantEndpoints();
        app.MapDeploymentEndpoints();
        app.MapInstanceEndpoints();
        app.MapStreamEndpoint();
        app.MapLogsEndpoint();
        app.MapTriggerEndpoint();
        app.MapMetricsEndpoint();
        app.MapBackupEndpoints();
        app.MapFreezeEndpoints();
        app.MapScheduleEndpoints();
        app.MapDashboard("/ui").RequireAccess(AccessPolicy.Anonymous);
        return app;
    }
}
