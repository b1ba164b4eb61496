using System.Globalization;
using System.Text;

namespace Skein.Shared;

/// <summary>
/// The exclusive lock on a data folder, <c>{DataDir}/skein.lock</c>, held open for the life of the process (a host or
/// the router): an OS lock (<c>flock</c> on Unix, a share-none handle on Windows), so the kernel releases it when the
/// process dies, even by <c>kill -9</c>. Who holds it is written to <c>skein.lock.owner</c> beside it, because a file
/// locked this way cannot be read through .NET by the process that is refused. Compiled into both the host and the
/// router (linked source); each says how its files are made durable (<see cref="IFolderDurability"/>).
/// </summary>
internal sealed class DataFolderLock : IDisposable
{
    public const string FileName = "skein.lock";
    public const string OwnerFileName = "skein.lock.owner";

    private readonly FileStream _lock;

    private DataFolderLock(string folder, FileStream handle)
    {
        Folder = folder;
        _lock = handle;
    }

    public string Folder { get; }

    /// <summary>
    /// Takes the lock or throws <see cref="DataFolderInUseException"/> naming the folder and its holder, or
    /// <see cref="DataFolderFullException"/> when its disk has no room for the lock's files; <paramref name="user"/>
    /// names this program and its data-folder setting in those messages.
    /// </summary>
    public static DataFolderLock Acquire(string dataDir, DateTimeOffset now, DataFolderUser user, IFolderDurability durability)
    {
        var folder = Path.GetFullPath(dataDir);
        try
        {
            return Take(folder, now, user, durability);
        }
        catch (IOException error) when (durability.IsDiskFull(error))
        {
            throw new DataFolderFullException(folder, user, error);
        }
    }

    private static DataFolderLock Take(string folder, DateTimeOffset now, DataFolderUser user, IFolderDurability durability)
    {
        durability.CreateDirectory(folder);
        var path = Path.Combine(folder, FileName);
        var created = !File.Exists(path);
        FileStream handle;
        try
        {
            handle = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException error) when (!durability.IsDiskFull(error))
        {
            throw new DataFolderInUseException(folder, ReadOwner(folder), user, error);
        }

        var owner = string.Create(CultureInfo.InvariantCulture,
            $"pid {Environment.ProcessId} on host {Environment.MachineName}, started {now:yyyy-MM-dd'T'HH:mm:ss'Z'}");
        try
        {
            // For a person reading the file; the lock itself is the OS lock on the handle.
            handle.SetLength(0);
            handle.Write(Encoding.UTF8.GetBytes(owner + "\n"));
            handle.Flush(flushToDisk: true);
            durability.WriteAtomically(Path.Combine(folder, OwnerFileName), Encoding.UTF8.GetBytes(owner + "\n"));
            if (created)
            {
                durability.FlushDirectory(folder);
            }
        }
        catch
        {
            handle.Dispose();
            throw;
        }

        return new DataFolderLock(folder, handle);
    }

    public void Dispose() => _lock.Dispose();

    private static string? ReadOwner(string folder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, OwnerFileName)).Trim();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
