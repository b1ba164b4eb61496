using Skein.Shared;

namespace Skein.Host.Storage;

/// <summary>
/// Recognises "the disk is full" however it surfaces: as the file system or SQLite report it
/// (<see cref="DiskFullErrors"/>), or as the host's own refusal made up front (<see cref="InsufficientStorageException"/>).
/// </summary>
internal static class StorageFaults
{
    /// <summary>True when <paramref name="error"/> or an exception inside it says the disk (or quota) is full.</summary>
    public static bool IsDiskFull(Exception? error) => DiskFullErrors.Is(error, e => e is InsufficientStorageException);

    /// <summary>The message a person gets for a disk-full refusal: which folder, what to do.</summary>
    public static string Describe(string dataDir, Exception error)
    {
        var refused = FindRefusal(error);
        return refused is not null
            ? refused.Message
            : $"The disk holding the data folder '{Path.GetFullPath(dataDir)}' is full, so the request was not carried out. " +
              "Free space on that disk (or grow it) and retry.";
    }

    private static InsufficientStorageException? FindRefusal(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is InsufficientStorageException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
