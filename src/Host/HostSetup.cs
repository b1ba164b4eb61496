using FluentValidation;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;
using Skein.Host.Api;
using Skein.Host.Engine;
using Skein.Host.Plugins;
using Skein.Host.Tenants;

namespace Skein.Host;

/// <summary>Wires the host: options, the engine and its lifetime, tenants, plugins and the HTTP endpoints.</summary>
public static class HostSetup
{
    /// <summary>Registers Skein's services, bound from the <c>Skein</c> configuration section.</summary>
    public static IServiceCollection AddSkeinHost(this IServiceCollection services, IConfiguration configuration)
    {
        // First hosted service: no other part of the host touches the data folder before its lock is held.
        services.AddHostedService<Storage.DataFolderLockService>();
        services.AddSingleton<Storage.DataFolderHealth>();
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection("Skein"))
            .PostConfigure<IHostEnvironment>((o, environment) =>
            {
                // Relative to the content root, once: code that runs later (plugin loading, restores) needs full paths.
                o.DataDir = Path.GetFullPath(o.DataDir, environment.ContentRootPath);
                if (o.Demo && string.IsNullOrEmpty(o.AdminKey))
                {
                    o.AdminKey = DemoSetup.AdminKeyFor(o.DataDir);
                }
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddSingleton<IValidateOptions<EngineOptions>, Egress.EgressOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value);
        services.TryAddSingletonTimeProvider();
        services.AddSingleton<UnloadedContexts>();
        services.AddSingleton(sp => new LoadedVersions(
            sp.GetRequiredService<EngineOptions>(),
            (tenant, version) => sp.GetRequiredService<WorkflowEngine>().Catalog.FindDeployment(tenant, version),
            sp.GetRequiredService<UnloadedContexts>()));
        services.AddSingleton<IWorkflowResolver>(sp => new PluginWorkflowResolver(
            sp.GetRequiredService<TenantRegistry>, sp.GetRequiredService<LoadedVersions>()));
        services.AddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<EngineOptions>(),
            sp.GetRequiredService<IWorkflowResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantOperations>();
        services.AddSingleton<Backup.RestoresInProgress>();
        services.AddSingleton<TenantRequests>();
        services.AddSingleton<TenantFreezer>();
        services.AddSingleton<Plugins.Validation.UploadValidator>();
        services.AddSingleton<DeploymentService>();
        services.AddHostedService<VersionRetirementService>();
        services.AddHostedService<DemoSetup>();
        services.AddHostedService<EngineService>();
        services.AddOptions<Backup.BackupOptions>().Bind(configuration.GetSection("Skein:Backup")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Backup.BackupOptions>, Backup.BackupOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Backup.BackupOptions>>().Value);
        services.AddSingleton<Backup.BackupWriter>();
        services.AddSingleton<Backup.BackupStore>();
        services.AddSingleton<Backup.DeploymentCheck>();
        services.AddOptions<Backup.TestingOptions>().Bind(configuration.GetSection("Skein:Testing")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Backup.TestingOptions>, Backup.TestingOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<Backup.TestingOptions>>().Value);
        services.AddSingleton<Backup.RestoreService>();
        services.AddHostedService<Backup.BackupScheduler>();

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
        app.UseRateLimiter();
        app.UseRestoreRetry();
        app.UseFrozenTenantGate();
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference("/reference");
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", (WorkflowEngine engine, Storage.DataFolderHealth storage) => !engine.IsReady
            ? Results.Json(new { status = "recovering" }, statusCode: StatusCodes.Status503ServiceUnavailable)
            : storage.Problem() is { } problem
                ? Results.Json(new { status = "unwritable", detail = problem }, statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Ok(new { status = "ready" }));
        app.MapTenantEndpoints();
        app.MapDeploymentEndpoints();
        app.MapInstanceEndpoints();
        app.MapStreamEndpoint();
        app.MapTriggerEndpoint();
        app.MapMetricsEndpoint();
        app.MapBackupEndpoints();
        app.MapFreezeEndpoints();
        return app;
    }

    private static void TryAddSingletonTimeProvider(this IServiceCollection services)
    {
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }
    }
}
