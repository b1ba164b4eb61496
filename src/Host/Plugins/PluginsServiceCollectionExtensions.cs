using Microsoft.Extensions.DependencyInjection;
using Skein.Host.Engine;

namespace Skein.Host.Plugins;

/// <summary>Registers the tenants' workflow code: upload validation, deployments, loading and retirement.</summary>
internal static class PluginsServiceCollectionExtensions
{
    /// <summary>Adds the plugins and makes them the engine's <see cref="IWorkflowResolver"/>.</summary>
    public static IServiceCollection AddSkeinPlugins(this IServiceCollection services)
    {
        services.AddSingleton<UnloadedContexts>();
        services.AddSingleton<LoadedVersions>();
        services.AddSingleton<IWorkflowResolver, PluginWorkflowResolver>();
        services.AddSingleton<Validation.UploadValidator>();
        services.AddSingleton<DeploymentService>();
        services.AddHostedService<VersionRetirementService>();
        return services;
    }
}
