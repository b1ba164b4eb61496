namespace Skein.Shared;

/// <summary>
/// For a data folder whose lock files need no fsync of their folder (the router's: the lock is the OS lock on an open
/// handle, and a lost owner file is written again at the next start).
/// </summary>
internal sealed class PlainFolderDurability : IFolderDurability
{
    public static readonly PlainFolderDurability Instance = new();

    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    public void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    public void FlushDirectory(string path)
    {
    }

    public bool IsDiskFull(IOException error) => DiskFullErrors.Is(error);
}
