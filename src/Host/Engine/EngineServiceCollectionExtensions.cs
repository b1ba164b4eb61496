using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Skein.Host.Engine;

/// <summary>Registers the engine: its options, the tenant runtimes and the instance operations.</summary>
internal static class EngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine, bound from the <c>Skein</c> section. It needs an <see cref="IWorkflowResolver"/> (the plugins
    /// add one) and the storage; features that repair tenant folders at start add an <see cref="ITenantFolderRepair"/>.
    /// </summary>
    public static IServiceCollection AddSkeinEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EngineOptions>().Bind(configuration.GetSection("Skein"))
            .PostConfigure<IHostEnvironment>((o, environment) =>
                // Relative to the content root, once: code that runs later (plugin loading, restores) needs full paths.
                o.DataDir = Path.GetFullPath(o.DataDir, environment.ContentRootPath))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<EngineOptions>, EngineOptionsValidator>();
        services.AddSingleton<IValidateOptions<EngineOptions>, EgressOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<EngineOptions>>().Value);
        if (services.All(d => d.ServiceType != typeof(TimeProvider)))
        {
            services.AddSingleton(TimeProvider.System);
        }

        services.AddSingleton<TenantRuntimes>();
        services.AddSingleton<WorkflowEngine>();
        services.AddHostedService<EngineService>();
        return services;
    }
}
