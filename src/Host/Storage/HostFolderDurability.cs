using Skein.Shared;

namespace Skein.Host.Storage;

/// <summary>The host's data folder lock files are made durable like every other file of the folder (<see cref="DurableFiles"/>).</summary>
internal sealed class HostFolderDurability : IFolderDurability
{
    public static readonly HostFolderDurability Instance = new();

    public void CreateDirectory(string path) => DurableFiles.CreateDirectory(path);

    public void WriteAtomically(string path, byte[] bytes) => DurableFiles.WriteAtomically(path, bytes);

    public void FlushDirectory(string path) => DurableFiles.FlushDirectory(path);

    public bool IsDiskFull(IOException error) => StorageFaults.IsDiskFull(error);
}
