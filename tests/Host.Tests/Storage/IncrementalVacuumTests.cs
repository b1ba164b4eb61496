using Microsoft.Extensions.Logging;
using Skein.Host.Storage;
using Skein.Host.Tests.Plugins;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// SQLite's side of retention: logs are in incremental auto-vacuum (new ones from the start, older ones rewritten
/// once when opened), so a purge followed by vacuum steps makes the file smaller; backups carry the mode.
/// </summary>
public sealed class IncrementalVacuumTests : IDisposable
{
    private readonly TempDataDir _dir = new();

    private string LogPath => Path.Combine(_dir.Path, "tenants", "t1", "log.db");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_new_log_is_in_incremental_auto_vacuum()
    {
        using var log = TenantLog.Open("t1", LogPath);

        Assert.Equal(2, AutoVacuum(LogPath));
    }

    [Fact]
    public async Task A_log_of_an_older_version_is_rewritten_in_incremental_mode_when_opened_and_keeps_its_instances()
    {
        // What every earlier Skein wrote: no auto-vacuum.
        OlderLog.Write(LogPath, migrations: 4);
        Assert.Equal(0, AutoVacuum(LogPath));

        using var log = TenantLog.Open("t1", LogPath);

        Assert.Equal(2, AutoVacuum(LogPath));
        Assert.Equal("old", log.FindInstance("old")!.Id);
        Assert.True(await log.MarkRunningAsync("old", 1, 10));
    }

    [Fact]
    public void A_new_log_takes_the_mode_from_the_start_without_a_rewrite()
    {
        var logger = new RecordingLogger<TenantLog>();

        using var log = TenantLog.Open("t1", LogPath, logger: logger);

        Assert.DoesNotContain(logger.Entries, e => e.Id == EventIds.VacuumConverted);
    }

    [Fact]
    public void The_rewrite_of_an_older_log_is_logged_with_its_tenant_and_leaves_no_wal_behind()
    {
        // What every earlier Skein wrote: no auto-vacuum.
        OlderLog.Write(LogPath, migrations: 4);
        var logger = new RecordingLogger<TenantLog>();

        using var log = TenantLog.Open("t1", LogPath, logger: logger);

        var entry = Assert.Single(logger.Entries, e => e.Id == EventIds.VacuumConverted);
        Assert.Equal((LogLevel.Information, "t1"), (entry.Level, entry.Tenant));
        Assert.StartsWith("The log of tenant t1 was rewritten for incremental vacuum: ", entry.Message);
        // The rewrite went through the WAL; copied back at once, it does not stay as large as the file. (The WAL is
        // gone altogether if the log's last connection was closed meanwhile: other tests empty every pool.)
        var wal = new FileInfo(LogPath + "-wal");
        Assert.Equal(0, wal.Exists ? wal.Length : 0);
    }

    [Fact]
    public async Task The_file_shrinks_after_a_purge_and_vacuum_steps()
    {
        using var log = TenantLog.Open("t1", LogPath);
        await FillAsync(log, instances: 200, outputBytes: 20_000);
        await FinishAsync(log, "kept", endedAt: 1_000_000);
        var before = SettledSize(log);

        var purged = await log.PurgeFinishedAsync(endedBefore: 500_000, maxInstances: 1_000, maxRows: 1_000_000);
        var freed = log.FreePages();
        for (var steps = 0; await log.ReclaimSpaceAsync(256) > 0; steps++)
        {
            Assert.True(steps < 1_000, "the vacuum steps come to an end");
        }

        var after = await Eventually.Until(() => new FileInfo(LogPath).Length, size => size < before / 4,
            $"the file ({before} bytes before the purge) to shrink once checkpointed");
        Assert.Equal(200, purged.Instances.Count);
        Assert.True(freed * 4096 > before / 2, $"the purge freed {freed} pages of a {before}-byte file");
        Assert.Equal(0, log.FreePages());
        Assert.NotNull(log.FindInstance("kept"));
        Assert.True(after < before / 4);
    }

    [Fact]
    public async Task A_backup_keeps_incremental_mode_and_the_restored_copy_purges_and_shrinks()
    {
        using var log = TenantLog.Open("t1", LogPath);
        await FillAsync(log, instances: 100, outputBytes: 20_000);
        var copy = Path.Combine(_dir.Path, "restored", "tenants", "t1", "log.db");
        Directory.CreateDirectory(Path.GetDirectoryName(copy)!);

        log.BackupTo(copy);

        Assert.Equal(2, AutoVacuum(copy));
        using var restored = TenantLog.Open("t1", copy);
        Assert.Equal(100, (await restored.PurgeFinishedAsync(500_000, 1_000, 1_000_000)).Instances.Count);
        var before = new FileInfo(copy).Length;
        while (await restored.ReclaimSpaceAsync(256) > 0)
        {
        }

        await Eventually.Until(() => new FileInfo(copy).Length < before / 4, "the restored file to shrink");
        Assert.Equal("ok", Pragma(copy, "integrity_check"));
    }

    private static async Task FillAsync(TenantLog log, int instances, int outputBytes)
    {
        var output = $"\"{new string('x', outputBytes)}\"";
        var writes = Enumerable.Range(0, instances).Select(async i =>
        {
            var id = $"i{i}";
            await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
            await log.MarkRunningAsync(id, 1, 2);
            await log.WriteStepAsync(new StepWrite(id, 1, 0, StepKind.Step, "s", 1, StepStatus.Complete, 3, Output: output, EndedAt: 4), 4);
            await log.FinishAsync(id, 1, InstanceStatus.Complete, output, null, null, 100 + i);
        });
        await Task.WhenAll(writes);
    }

    private static async Task FinishAsync(TenantLog log, string id, long endedAt)
    {
        await log.CreateInstanceAsync(new NewInstance(id, "w", 1, "null", 1));
        await log.MarkRunningAsync(id, 1, 2);
        await log.FinishAsync(id, 1, InstanceStatus.Complete, "1", null, null, endedAt);
    }

    /// <summary>The file's size once the WAL is copied back into it.</summary>
    private long SettledSize(TenantLog log)
    {
        log.Checkpointer.Request();
        log.Checkpointer.WaitIdle();
        return new FileInfo(LogPath).Length;
    }

    private static long AutoVacuum(string path) => long.Parse(Pragma(path, "auto_vacuum"), System.Globalization.CultureInfo.InvariantCulture);

    private static string Pragma(string path, string pragma)
    {
        using var connection = SqliteDatabase.OpenPrivate(path);
        return SqliteDatabase.Scalar<string>(connection, $"PRAGMA {pragma};")!;
    }
}
