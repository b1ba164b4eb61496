using System.Runtime.InteropServices;

namespace Skein.Host.Backup;

/// <summary>
/// Flushes that make a rename durable: the file's bytes before the rename, the folder's entry after it. Without
/// the folder flush a power loss can undo a rename that the caller already reported.
/// </summary>
internal static class DurableFiles
{
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

        foreach (var sub in Directory.EnumerateDirectories(folder, "*", SearchOption.AllDirectories))
        {
            FlushDirectory(sub);
        }

        FlushDirectory(folder);
    }

    public static void FlushDirectory(string path)
    {
        // .NET cannot open a folder as a stream; Windows has no folder fsync and needs none for renames.
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = OpenNative(path, 0);
        if (fd < 0)
        {
            throw new IOException($"Cannot open folder '{path}' to flush it (errno {Marshal.GetLastPInvokeError()}).");
        }

        try
        {
            if (FsyncNative(fd) != 0)
            {
                throw new IOException($"fsync of folder '{path}' failed (errno {Marshal.GetLastPInvokeError()}).");
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
        FlushDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    // DllImport rather than LibraryImport: the generated marshalling needs unsafe code, which the host does not allow.
#pragma warning disable SYSLIB1054
    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int OpenNative([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static extern int FsyncNative(int fd);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int CloseNative(int fd);
#pragma warning restore SYSLIB1054
}
