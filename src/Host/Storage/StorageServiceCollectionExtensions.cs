using Microsoft.Extensions.DependencyInjection;

namespace Skein.Host.Storage;

/// <summary>Registers the node's storage: the data folder's lock and health, and the node catalog.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds storage for the data folder <paramref name="dataFolder"/> names. Its hosted services come first: no other
    /// part of the host touches the data folder before its lock is held, or reads the catalog before it is open.
    /// </summary>
    public static IServiceCollection AddSkeinStorage(this IServiceCollection services, Func<IServiceProvider, DataFolder> dataFolder)
    {
        services.AddSingleton(dataFolder);
        services.AddHostedService<DataFolderLockService>();
        services.AddSingleton<DataFolderHealth>();
        services.AddSingleton<Catalog>();
        services.AddHostedService<CatalogOpening>();
        return services;
    }
}
