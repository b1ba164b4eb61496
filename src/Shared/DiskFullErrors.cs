using Microsoft.Data.Sqlite;

namespace Skein.Shared;

/// <summary>
/// Recognises "the disk is full" as the file system and SQLite report it, in an exception or any exception inside it:
/// SQLITE_FULL; SQLITE_IOERR_SHMSIZE; an <see cref="IOException"/> with ENOSPC or EDQUOT (.NET on Unix gives its I/O
/// errors the errno as their HResult) or Windows' disk-full codes. Compiled into the host and the router.
/// </summary>
internal static class DiskFullErrors
{
    private const int SqliteFull = 13;

    // SQLite's unix VFS makes room for a WAL database's shared-memory index (-shm) by writing into it; on a full disk
    // that write fails with ENOSPC and SQLite reports SQLITE_IOERR_SHMSIZE, not SQLITE_FULL. It happens to every read
    // and write of a database opened anew on a full disk (the last connection to close removes the -shm) and when a
    // WAL held long by a reader outgrows its index.
    private const int SqliteIoErrShmSize = 4874;

    private const int Enospc = 28;
    private const int Edquot = 122;
    private const int WindowsDiskFull = unchecked((int)0x80070070);
    private const int WindowsHandleDiskFull = unchecked((int)0x80070027);

    /// <param name="error">The failure, possibly wrapped or aggregated.</param>
    /// <param name="alsoFull">Exceptions of the caller's own that mean a full disk (a refusal made up front).</param>
    public static bool Is(Exception? error, Func<Exception, bool>? alsoFull = null)
    {
        for (var e = error; e is not null; e = e.InnerException)
        {
            var full = e switch
            {
                SqliteException { SqliteErrorCode: SqliteFull } => true,
                SqliteException { SqliteExtendedErrorCode: SqliteIoErrShmSize } => true,
                IOException { HResult: Enospc or Edquot or WindowsDiskFull or WindowsHandleDiskFull } => true,
                AggregateException aggregate => aggregate.InnerExceptions.Any(inner => Is(inner, alsoFull)),
                _ => alsoFull?.Invoke(e) == true,
            };
            if (full)
            {
                return true;
            }
        }

        return false;
    }
}
