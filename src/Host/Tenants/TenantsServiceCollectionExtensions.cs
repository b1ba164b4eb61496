using Microsoft.Extensions.DependencyInjection;

namespace Skein.Host.Tenants;

/// <summary>Registers the tenants of the node: the registry, its snapshot, and the per-tenant operations.</summary>
internal static class TenantsServiceCollectionExtensions
{
    /// <summary>Adds the tenants; the registry is read into memory once the engine has started (register after it).</summary>
    public static IServiceCollection AddSkeinTenants(this IServiceCollection services)
    {
        services.AddSingleton<TenantDirectory>();
        services.AddSingleton<TenantRegistry>();
        services.AddSingleton<TenantOperations>();
        services.AddSingleton<TenantRequests>();
        services.AddSingleton<TenantFreezer>();
        services.AddHostedService<TenantRegistryLoading>();
        return services;
    }
}
