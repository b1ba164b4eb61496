namespace Skein.Shared;

/// <summary>
/// The disk holding the data folder is full, so the program cannot take the folder's lock (the lock and owner files
/// are written at every start): it does not start, and says which folder and what to do rather than a stack trace.
/// </summary>
internal sealed class DataFolderFullException(string folder, DataFolderUser user, IOException inner) : Exception(
    $"The disk holding the data folder '{folder}' is full, so the {user.Program} cannot start ({inner.Message}). " +
    $"Free space on that disk and start it again.", inner)
{
    /// <summary>The data folder, as an absolute path.</summary>
    public string Folder { get; } = folder;
}
