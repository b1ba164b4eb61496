namespace Skein.Shared;

/// <summary>
/// Another process holds the data folder's lock: two hosts on one folder would run the same instances twice, two
/// routers would each place and move tenants without seeing the other's journal.
/// </summary>
internal sealed class DataFolderInUseException(string folder, string? owner, DataFolderUser user, Exception inner) : Exception(
    $"The data folder '{folder}' is in use by another {user.Program} ({owner ?? "holder unknown"}); it holds '{Path.Combine(folder, DataFolderLock.FileName)}'. " +
    $"Stop that {user.Program[(user.Program.LastIndexOf(' ') + 1)..]} first, or give this one another {user.Setting}.", inner)
{
    /// <summary>The data folder, as an absolute path.</summary>
    public string Folder { get; } = folder;
}
