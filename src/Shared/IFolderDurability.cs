namespace Skein.Shared;

/// <summary>How a program makes its folder changes durable: the host flushes parent folders, the router need not.</summary>
internal interface IFolderDurability
{
    /// <summary>Creates the folder and any missing parents.</summary>
    void CreateDirectory(string path);

    /// <summary>Replaces the file's content all at once (written beside it, then renamed).</summary>
    void WriteAtomically(string path, byte[] bytes);

    /// <summary>Makes a create, rename or delete in the folder durable.</summary>
    void FlushDirectory(string path);

    /// <summary>True when the failure is a full disk rather than the lock being held.</summary>
    bool IsDiskFull(IOException error);
}
