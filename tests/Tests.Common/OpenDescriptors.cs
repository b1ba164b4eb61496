namespace Skein.Tests.Common;

/// <summary>The descriptors this process holds open, read from /proc/self/fd (Linux), by the file each one names.</summary>
internal static class OpenDescriptors
{
    /// <summary>How many open descriptors name a file whose path satisfies <paramref name="target"/>.</summary>
    public static int Count(Func<string, bool> target) =>
        Directory.EnumerateFileSystemEntries("/proc/self/fd").Count(fd => Target(fd) is { } path && target(path));

    private static string? Target(string fd)
    {
        try
        {
            return new FileInfo(fd).LinkTarget;
        }
        catch (IOException)
        {
            return null; // closed between the listing and the read
        }
    }
}
