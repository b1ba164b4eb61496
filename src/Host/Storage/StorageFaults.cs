using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// Recognises "the disk is full" however it surfaces: SQLite's SQLITE_FULL, SQLite's SQLITE_IOERR_SHMSIZE, or an I/O
/// error with ENOSPC (or a quota's EDQUOT).
/// </summary>
internal static class StorageFaults
{
    private const int SqliteFull = 13;

    // SQLite's unix VFS makes room for a WAL database's shared-memory index (-shm) by writing into it; on a full disk
    // that write fails with ENOSPC and SQLite reports SQLITE_IOERR_SHMSIZE, not SQLITE_FULL. It happens to every read
    // and write of a log or catalog opened anew on a full disk (the last connection to close removes the -shm) and
    // when a WAL held long by a reader outgrows its index.
    private const int SqliteIoErrShmSize = 4874;
    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <summary>True when <paramref name="error"/> or an exception inside it says the disk (or quota) is full.</summary>
    public static bool IsDiskFull(Exception? error)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case InsufficientStorageException:
                case SqliteException { SqliteErrorCode: SqliteFull }:
                case SqliteException { SqliteExtendedErrorCode: SqliteIoErrShmSize }:
                case IOException { HResult: Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Any(IsDiskFull):
                    return true;
            }
        }

        return false;
    }

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
