using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>The file descriptors this process holds on a tenant log's files.</summary>
internal static class LogDescriptors
{
    /// <summary>
    /// Descriptors open on the file at <paramref name="path"/> followed by <paramref name="suffix"/> (<c>-wal</c>), or
    /// with an empty suffix on any of the log's files (the database, its WAL and its shared-memory index).
    /// </summary>
    public static int Count(string path, string suffix = "") =>
        OpenDescriptors.Count(target => suffix.Length == 0 ? target.StartsWith(path, StringComparison.Ordinal) : target == path + suffix);
}
