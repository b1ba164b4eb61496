using System.Runtime.InteropServices;

namespace Skein.Host.Storage;

/// <summary>
/// Every file or folder the host creates, renames or deletes as part of a durable change goes through here: the
/// file's bytes are flushed before a rename, and the parent folder's entry after it. Without the folder flush a
/// power loss can undo a create, rename or delete that the caller already acknowledged.
/// </summary>
internal static class DurableFiles
{
    private static readonly AsyncLocal<Action<string>?> Observer = new();

    /// <summary>
    /// For tests: calls <paramref name="observer"/> with every folder flushed by this async flow until disposed, so a
    /// test can prove that a change flushed its parent folder without watching the disk.
    /// </summary>
    public static IDisposable ObserveFolderFlushes(Action<string> observer)
    {
        var previous = Observer.Value;
        Observer.Value = observer;
        return new Restore(() => Observer.Value = previous);
    }

    public static void FlushFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Flushes every file under <paramref name="folder"/> and every folder entry, bottom up.</summary>
    public static void FlushTree(string folder)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            FlushFile(file);
        }

        FlushFolders(folder);
    }

    /// <summary>Flushes <paramref name="folder"/> and every folder under it (their entries, not the files' bytes).</summary>
    public static void FlushFolders(string folder)
    {
        foreach (var sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
        {
            FlushDirectory(sub);
        }

        FlushDirectory(folder);
    }

    /// <summary>Creates <paramref name="path"/> and any missing parents, flushing the parent of each folder it created.</summary>
    public static void CreateDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        var missing = new Stack<string>();
        for (var folder = full; folder is not null && !Directory.Exists(folder); folder = Path.GetDirectoryName(folder))
        {
            missing.Push(folder);
        }

        Directory.CreateDirectory(full);
        while (missing.TryPop(out var created))
        {
            FlushDirectory(Path.GetDirectoryName(created)!);
        }
    }

    /// <summary>Moves a file or folder and flushes both parents (one flush when they are the same folder).</summary>
    public static void Move(string source, string destination, bool isDirectory)
    {
        if (isDirectory)
        {
            Directory.Move(source, destination);
        }
        else
        {
            File.Move(source, destination);
        }

        var to = ParentOf(destination);
        FlushDirectory(to);
        var from = ParentOf(source);
        if (from != to)
        {
            FlushDirectory(from);
        }
    }

    public static void DeleteFile(string path)
    {
        File.Delete(path);
        FlushDirectory(ParentOf(path));
    }

    /// <summary>Deletes the folder with everything in it, if it exists, and flushes its parent.</summary>
    public static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
            FlushDirectory(ParentOf(path));
        }
    }

    public static void FlushDirectory(string path)
    {
        Observer.Value?.Invoke(Path.GetFullPath(path));

        // .NET cannot open a folder as a stream; Windows has no folder fsync and needs none for renames.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = OpenNative(path, 0);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"Cannot open folder '{path}' to flush it (errno {errno}).", errno);
        }

        try
        {
            if (FsyncNative(fd) != 0)
            {
                // The errno as the HResult, as .NET's own I/O errors on Unix carry it: an ENOSPC or EDQUOT here (file
                // systems that allocate late report a failed write at the next fsync) is then a full disk (StorageFaults).
                var errno = Marshal.GetLastPInvokeError();
                throw new IOException($"fsync of folder '{path}' failed (errno {errno}).", errno);
            }
        }
        finally
        {
            _ = CloseNative(fd);
        }
    }

    /// <summary>Writes <paramref name="bytes"/> to a temporary file beside <paramref name="path"/>, flushes, and renames.</summary>
    public static void WriteAtomically(string path, byte[] bytes)
    {
        var temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, path, overwrite: true);
        FlushDirectory(ParentOf(path));
    }

    private static string ParentOf(string path) => Path.GetDirectoryName(Path.GetFullPath(path))!;

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which the host does not allow.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FsyncNative(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int CloseNative(int fd);
#pragma warning restore SYSLIB1054

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }
}
