using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Skein.Host.Engine;

namespace Skein.Host.Backup;

/// <summary>Registers backups and restores, bound from <c>Skein:Backup</c> (and <c>Skein:Testing</c> for tests).</summary>
internal static class BackupServiceCollectionExtensions
{
    public static IServiceCollection AddSkeinBackup(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BackupOptions>().Bind(configuration.GetSection("Skein:Backup")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BackupOptions>, BackupOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<BackupOptions>>().Value);
        services.AddOptions<TestingOptions>().Bind(configuration.GetSection("Skein:Testing")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<TestingOptions>, TestingOptionsValidator>();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<TestingOptions>>().Value);
        services.AddSingleton<ITenantFolderRepair, RestoreJournalRepair>();
        services.AddSingleton<RestoresInProgress>();
        services.AddSingleton<BackupWriter>();
        services.AddSingleton<BackupStore>();
        services.AddSingleton<DeploymentCheck>();
        services.AddSingleton<RestoreService>();
        services.AddHostedService<BackupScheduler>();
        return services;
    }
}
