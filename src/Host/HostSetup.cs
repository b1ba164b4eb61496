using Microsoft.Extensions.Options;
using Skein.Host.Engine;

namespace Skein.Host;

/// <summary>Wires the host: options, the engine and its lifetime, and the HTTP endpoints.</summary>
public static class HostSetup
{
    /// <summary>Registers Skein's services, bound from the <c>Skein</c> configuration section.</summary>
    public static IServiceCollection AddSkeinHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection("Skein")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IWorkflowResolver>(_ => new StaticWorkflowResolver([]));
        services.AddSingleton(sp => new WorkflowEngine(
            sp.GetRequiredService<IOptions<EngineOptions>>().Value,
            sp.GetRequiredService<IWorkflowResolver>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>()));
        services.AddHostedService<EngineService>();
        return services;
    }

    /// <summary>Maps the health endpoints.</summary>
    public static WebApplication MapSkeinHost(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "ok" }));
        app.MapGet("/readyz", (WorkflowEngine engine) => engine.IsReady
            ? Results.Ok(new { status = "ready" })
            : Results.Json(new { status = "recovering" }, statusCode: StatusCodes.Status503ServiceUnavailable));
        return app;
    }
}
