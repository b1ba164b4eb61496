using Microsoft.Data.Sqlite;

namespace Skein.Host.Backup;

/// <summary>
/// Tells a SQLite failure on a staged archive's log that the host caused (its disk, memory, permissions) from one the
/// archive caused (a damaged or foreign file), so an operator's fault is never reported as a bad archive.
/// </summary>
internal static class SqliteFailureCause
{
    // SQLITE_PERM, BUSY, LOCKED, NOMEM, READONLY, INTERRUPT, IOERR, FULL, CANTOPEN, PROTOCOL, NOLFS, AUTH.
    private static readonly HashSet<int> HostCodes = [3, 5, 6, 7, 8, 9, 10, 13, 14, 15, 22, 23];

    public static bool IsTheHosts(SqliteException error) => HostCodes.Contains(error.SqliteErrorCode);
}
