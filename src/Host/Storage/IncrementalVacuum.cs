using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Skein.Host.Storage;

/// <summary>
/// Puts a tenant log in <c>auto_vacuum=INCREMENTAL</c>, so the pages a retention purge frees can be given back to the
/// file system a few at a time (<see cref="TenantLog.ReclaimSpaceAsync"/>) instead of only being reused.
/// </summary>
/// <remarks>
/// The mode is a property of the file. A new file takes it when it is set before the first table exists; a file
/// written by an older Skein (mode NONE) takes it only from a <c>VACUUM</c>, which rewrites the whole file. That runs
/// here, once, when the log is opened and before its writer exists: nothing else of the tenant writes yet, readers on
/// other connections keep their WAL snapshots, and the rewrite is one transaction (a crash leaves the old file as it
/// was, and the next open tries again). Backups copy the file page by page, mode included, so a restored log keeps it
/// (and an archive of an older Skein is converted when the restored log opens). A VACUUM needs free disk of about
/// twice the file; when it fails (a full disk) the log opens in its old mode, purges still free pages for reuse, and
/// the next open tries again.
/// </remarks>
internal static partial class IncrementalVacuum
{
    private const int Incremental = 2;

    /// <summary>Asks a new file for the mode; must run before the first table is created.</summary>
    public static void Request(SqliteConnection connection) =>
        SqliteDatabase.Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL;");

    /// <summary>Converts a file of an older Skein with one VACUUM; true when the file is (now) incremental.</summary>
    public static bool Ensure(SqliteConnection connection, string tenant, string path, ILogger? logger)
    {
        if (SqliteDatabase.Scalar<int>(connection, "PRAGMA auto_vacuum;") == Incremental)
        {
            return true;
        }

        var bytes = new FileInfo(path).Length;
        var started = Stopwatch.GetTimestamp();
        try
        {
            SqliteDatabase.Execute(connection, "PRAGMA auto_vacuum=INCREMENTAL; VACUUM;");
            // The rewrite went through the WAL: copy it back now and start it over, rather than keep a WAL as large as
            // the file (nothing else writes this log yet, so the checkpoint is not held up).
            SqliteDatabase.Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        catch (SqliteException error)
        {
            if (logger is not null)
            {
                LogConversionFailed(logger, error, tenant, bytes);
            }

            return false;
        }

        if (logger is not null)
        {
            LogConverted(logger, tenant, bytes, new FileInfo(path).Length, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return true;
    }

    [LoggerMessage(EventId = EventIds.VacuumConverted, Level = LogLevel.Information,
        Message = "The log of tenant {Tenant} was rewritten for incremental vacuum: {BytesBefore} bytes before, {BytesAfter} after, in {ElapsedMs} ms")]
    private static partial void LogConverted(ILogger logger, string tenant, long bytesBefore, long bytesAfter, long elapsedMs);

    [LoggerMessage(EventId = EventIds.VacuumConversionFailed, Level = LogLevel.Warning,
        Message = "The log of tenant {Tenant} ({Bytes} bytes) could not be rewritten for incremental vacuum; purges free space for reuse only, and the next open tries again")]
    private static partial void LogConversionFailed(ILogger logger, Exception error, string tenant, long bytes);
}
