using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Skein.Host.Storage;
using Skein.Shared;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// The node's storage as the host starts it: the data folder's lock taken first and released when the host is done
/// with it, a start refused (and logged) while another holder has the folder, the catalog opened, readiness's probe.
/// </summary>
public sealed class StorageServicesTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly RecordingLoggers _loggers = new();

    private string Folder => Path.Combine(_dir.Path, "node");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Started_storage_holds_the_folders_lock_opens_the_catalog_and_probes_the_folder()
    {
        using var provider = Storage();

        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        Assert.Throws<DataFolderInUseException>(Acquire);
        Assert.Empty(provider.GetRequiredService<Catalog>().ListTenants());
        Assert.Null(provider.GetRequiredService<DataFolderHealth>().Problem());
    }

    [Fact]
    public async Task The_lock_is_released_when_the_host_disposes_its_services()
    {
        using (var provider = Storage())
        {
            await provider.GetServices<IHostedService>().OfType<DataFolderLockService>().Single().StartAsync(CancellationToken.None);
        }

        using var again = Acquire();
        Assert.Equal(Path.GetFullPath(Folder), again.Folder);
    }

    [Fact]
    public async Task A_start_on_a_folder_another_holder_has_fails_and_logs_the_folder_and_the_holder()
    {
        using var held = Acquire();
        using var provider = Storage();
        var service = provider.GetServices<IHostedService>().OfType<DataFolderLockService>().Single();

        var refused = await Assert.ThrowsAsync<DataFolderInUseException>(() => service.StartAsync(CancellationToken.None));

        var entry = Assert.Single(_loggers.Entries);
        Assert.Equal((LogLevel.Critical, EventIds.DataFolderInUse), (entry.Level, entry.EventId));
        Assert.Equal($"Not starting on data folder {Path.GetFullPath(Folder)}: {refused.Message}", entry.Message);
    }

    private ServiceProvider Storage()
    {
        var services = new ServiceCollection();
        services.AddSingleton<ILoggerFactory>(_loggers);
        services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        services.AddSingleton(TimeProvider.System);
        services.AddSkeinStorage(_ => new DataFolder(Folder));
        return services.BuildServiceProvider();
    }

    private DataFolderLock Acquire() => DataFolderLock.Acquire(Folder, DateTimeOffset.UnixEpoch, DataFolderUser.Host, HostFolderDurability.Instance);
}
