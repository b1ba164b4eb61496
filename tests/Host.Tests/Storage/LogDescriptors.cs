namespace Skein.Host.Tests.Storage;

/// <summary>The file descriptors this process holds on a tenant log's files, counted in /proc/self/fd.</summary>
internal static class LogDescriptors
{
    /// <summary>
    /// Descriptors open on the file at <paramref name="path"/> followed by <paramref name="suffix"/> (<c>-wal</c>), or
    /// with an empty suffix on any of the log's files (the database, its WAL and its shared-memory index).
    /// </summary>
    public static int Count(string path, string suffix = "") =>
        Directory.GetFiles("/proc/self/fd").Count(fd => Target(fd) is { } target && (suffix.Length == 0
            ? target.StartsWith(path, StringComparison.Ordinal)
            : target == path + suffix));

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
