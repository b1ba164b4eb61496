using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Skein.Host.Engine;

namespace Skein.Host.Demo;

/// <summary>Registers the demo (<c>--Skein:Demo=true</c>): its tenants and, without a configured one, its admin key.</summary>
internal static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddSkeinDemo(this IServiceCollection services)
    {
        // After the engine's own post-configuration, which makes DataDir a full path.
        services.AddOptions<EngineOptions>().PostConfigure(o =>
        {
            if (o.Demo && string.IsNullOrEmpty(o.AdminKey))
            {
                o.AdminKey = DemoSetup.AdminKeyFor(o.DataDir);
            }
        });
        services.AddHostedService<DemoSetup>();
        return services;
    }
}
