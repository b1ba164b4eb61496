using Microsoft.Extensions.Options;
using Skein.Shared;

namespace Skein.Router.Placement;

/// <summary>
/// The router's hold on <c>Router:DataDir</c>: the folder's exclusive lock, taken before the placement database is
/// opened and kept for the life of the process. Two routers on one folder would each place and move tenants from a
/// journal the other also writes (both undoing the same move at start); the second is refused instead.
/// </summary>
internal sealed class RouterDataFolder : IDisposable
{
    private readonly DataFolderLock _lock;

    public RouterDataFolder(IOptions<RouterOptions> options, TimeProvider time) =>
        _lock = DataFolderLock.Acquire(options.Value.DataDir, time.GetUtcNow(), DataFolderUser.Router, PlainFolderDurability.Instance);

    /// <summary>The data folder, as an absolute path.</summary>
    public string Path => _lock.Folder;

    public void Dispose() => _lock.Dispose();
}
