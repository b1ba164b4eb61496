namespace Skein.Host.Storage;

/// <summary>Another process holds the data folder's lock: two hosts on one folder would run the same instances twice.</summary>
internal sealed class DataFolderInUseException(string folder, string? owner, Exception inner) : Exception(
    $"The data folder '{folder}' is in use by another Skein host ({owner ?? "holder unknown"}); it holds '{Path.Combine(folder, DataFolderLock.FileName)}'. " +
    "Stop that host first, or give this one another --Skein:DataDir.", inner)
{
    /// <summary>The data folder, as an absolute path.</summary>
    public string Folder { get; } = folder;
}
