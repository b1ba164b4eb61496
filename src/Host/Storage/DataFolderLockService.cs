using Skein.Shared;

namespace Skein.Host.Storage;

/// <summary>
/// Takes the data folder's lock before anything else of the host starts (registered first, so before recovery and
/// before Kestrel binds), and releases it when the host stops.
/// </summary>
internal sealed partial class DataFolderLockService(DataFolder folder, TimeProvider time, ILogger<DataFolderLockService> logger)
    : IHostedService, IDisposable
{
    private DataFolderLock? _lock;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _lock = DataFolderLock.Acquire(folder.Path, time.GetUtcNow(), DataFolderUser.Host, HostFolderDurability.Instance);
        }
        catch (DataFolderInUseException error)
        {
            LogInUse(logger, error.Folder, error.Message);
            throw;
        }
        catch (DataFolderFullException error)
        {
            LogFull(logger, error.Folder, error.Message);
            throw;
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
        _lock?.Dispose();
        _lock = null;
    }

    [LoggerMessage(EventId = EventIds.DataFolderInUse, Level = LogLevel.Critical, Message = "Not starting on data folder {Folder}: {Reason}")]
    private static partial void LogInUse(ILogger logger, string folder, string reason);

    [LoggerMessage(EventId = EventIds.DataFolderFull, Level = LogLevel.Critical, Message = "Not starting on data folder {Folder}: {Reason}")]
    private static partial void LogFull(ILogger logger, string folder, string reason);
}
