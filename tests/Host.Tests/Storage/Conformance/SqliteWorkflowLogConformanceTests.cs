using Microsoft.Data.Sqlite;
using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage.Conformance;

/// <summary>The SQLite provider (<see cref="TenantLog"/>) against the provider-neutral conformance suite.</summary>
public sealed class SqliteWorkflowLogConformanceTests : WorkflowLogConformance
{
    private readonly TempDataDir _dir = new();

    private string LogPath => Path.Combine(_dir.Path, "tenants", "t1", "log.db");

    private protected override IWorkflowLog Open() => TenantLog.Open("t1", LogPath);

    private protected override IWorkflowLog OpenCrashCopy()
    {
        // What a kill at this moment leaves on disk: the database and its WAL as they are (the shared-memory index is
        // rebuilt from the WAL on open). Frames of a transaction without its commit record are not part of the log.
        var copy = Path.Combine(_dir.Path, "crashed", "log.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
        foreach (var suffix in new[] { "", "-wal" })
        {
            if (File.Exists(LogPath + suffix))
            {
                using var source = new FileStream(LogPath + suffix, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var target = File.Create(copy + suffix);
                source.CopyTo(target);
            }
        }

        return TenantLog.Open("t1", copy);
    }

    private protected override Task BreakConnectionAsync(IWorkflowLog log) => ((TenantLog)log).BreakWriterConnectionAsync();

    private protected override void WriteOldestSchema() => OlderLog.Write(LogPath, migrations: 1);

    private protected override void WriteNewerSchema()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LogPath)!);
        using var connection = SqliteDatabase.OpenPrivate(LogPath, create: true);
        SqliteDatabase.Execute(connection, $"CREATE TABLE future (x); PRAGMA user_version = {TenantLogSchema.Migrations.Count + 1};");
    }

    private protected override void DisposeStore()
    {
        SqliteConnection.ClearAllPools();
        _dir.Dispose();
    }
}
