using System.Diagnostics;
using Skein.Bench.Http;
using Skein.Host.Backup;
using Skein.Host.Engine;
using Skein.Host.Storage;
using static Skein.Bench.FigureWriter;

namespace Skein.Bench.Backup;

/// <summary>
/// The <c>backup</c> benchmark: a real host node with one tenant whose log is filled to about <c>--log-mb</c> MiB,
/// backed up in-process (<see cref="BackupWriter"/>, what <c>GET /backup</c> runs) under a steady step load, then
/// restored (<see cref="RestoreService"/>, what <c>POST /restore</c> runs) into a fresh node over a fresh data folder.
/// </summary>
internal static class BackupBenchmark
{
    private const string Tenant = "bench-backup";
    private const string Resumer = "resume";
    private const int FillSteps = 64;
    private const int FillPad = 64 * 1024;
    private const int FillRound = 8;
    private const int LoadSteps = 20;
    private const int ResumerSleepMs = 200;
    private const int WarmUpSeconds = 5;

    public static async Task RunAsync(BackupBenchOptions options)
    {
        var dll = LoopDll.Build();
        using var archiveDir = new TempDirectory(options.DataRoot);
        var archive = Path.Combine(archiveDir.Path, "backup.zip");
        var backup = await BackupUnderLoadAsync(options, dll, archive);
        var restore = await RestoreAsync(options, archive);

        Note($"Skein host (SkeinHost.Create), {Environment.ProcessorCount} cores, .NET {Environment.Version}, data under {options.DataRoot}; " +
             $"tenant log filled through the engine by {backup.FillInstances} instances of {FillSteps} steps, each step returning {FillPad / 1024} KiB of " +
             "random base64 text (the engine's own writes, no bulk SQL).");
        Figure("backup.log_mb", backup.LogBytes.Db / 1048576.0, "MiB", 0);
        Note($"Size of the tenant's log.db after the fill ({backup.FillSeconds:F0} s; requested --log-mb {options.LogMb}); its log.db-wal held " +
             $"another {backup.LogBytes.Wal / 1048576.0:F0} MiB (pages not yet checkpointed, copied by the backup too).");
        Figure("backup.seconds", backup.Seconds, "s", 1);
        Note($"BackupWriter.Write in-process (SQLite online backup of the log, then a zip with deflate 'Fastest' and sha256 of every file), " +
             $"archive {backup.ArchiveBytes / 1048576.0:F0} MiB, while {options.Drivers} closed-loop drivers ran {LoadSteps}-step instances on the same tenant " +
             $"plus one long instance looping step + {ResumerSleepMs} ms sleep.");
        Figure("backup.writer_stall_ms.max", backup.StallMax, "ms", 1);
        Figure("backup.writer_stall_ms.baseline_max", backup.BaselineMax, "ms", 1);
        Note($"Step-commit latency measured inside the workflow (step body returned → workflow resumed after the commit): max over the " +
             $"{backup.StallCount} steps that resumed during the backup, and over the {backup.BaselineCount} that resumed in an equal window " +
             $"({backup.BaselineSeconds:F1} s) just before it. p99 during / before: {backup.StallP99:F1} / {backup.BaselineP99:F1} ms; " +
             $"steps/s during / before: {backup.StallRate:F0} / {backup.BaselineRate:F0}.");
        Figure("restore.seconds", restore.Seconds, "s", 1);
        Note("RestoreService.RestoreAsync in-process into a fresh node over a fresh data folder (the tenant did not exist there): extract and " +
             "check the archive, verify the staged log and the deployment, swap it in, reopen and recover the tenant.");
        Figure("restore.resume_ms", restore.ResumeMs, "ms", 1);
        Note($"From RestoreAsync returning to the next step committed on the new node by the archived, unfinished instance that loops " +
             $"step + {ResumerSleepMs} ms sleep (its sleep's timer re-armed by the restore; polled every 1 ms on the new node's log).");
    }

    private static async Task<BackupRun> BackupUnderLoadAsync(BackupBenchOptions options, byte[] dll, string archive)
    {
        await using var host = await BenchHost.StartAsync(options.DataRoot);
        using var admin = host.Client(BenchHost.AdminKey, 2);
        var key = await BenchApi.NewTenantAsync(admin, Tenant);
        using var client = host.Client(key, 2);
        await BenchApi.DeployAsync(client, Tenant, dll);
        var engine = host.Service<WorkflowEngine>();
        var fill = new StepLoad(engine, host.Service<TenantRuntimes>(), Tenant);

        // Each step's output takes more room in the log than its length, so fill in rounds until log.db is big enough.
        Progress($"filling the log to {options.LogMb} MiB with instances of {FillSteps} x {FillPad / 1024} KiB steps");
        var fillStarted = Stopwatch.GetTimestamp();
        var fillInstances = 0;
        while (LogBytes(host.DataDir).Db < options.LogMb * 1048576L)
        {
            await fill.RunCountAsync(4, FillRound, FillSteps, FillPad).WaitAsync(TimeSpan.FromMinutes(30));
            fillInstances += FillRound;
        }

        var fillSeconds = Stopwatch.GetElapsedTime(fillStarted).TotalSeconds;
        var logBytes = LogBytes(host.DataDir);
        Progress($"log filled in {fillSeconds:F0} s: log.db {logBytes.Db / 1048576.0:F0} MiB, log.db-wal {logBytes.Wal / 1048576.0:F0} MiB");

        var load = new StepLoad(engine, host.Service<TenantRuntimes>(), Tenant);
        await load.StartAsync(Resumer, 10_000_000, 0, ResumerSleepMs);
        using var stop = new CancellationTokenSource();
        var loadStarted = Stopwatch.GetTimestamp();
        var running = load.RunAsync(options.Drivers, LoadSteps, 0, stop.Token);
        Progress($"steady load: {options.Drivers} drivers, {WarmUpSeconds} s warm-up + {options.BaselineSeconds} s before the backup");
        await Task.Delay(TimeSpan.FromSeconds(WarmUpSeconds + options.BaselineSeconds));

        var writer = host.Service<BackupWriter>();
        var log = (TenantLog)host.Service<TenantRuntimes>().Runtime(Tenant).Log;
        var (commitMax, checkpointMax, checkpoints) = (log.Stats.MaxCommitTicks, log.Checkpointer.LongestTicks, log.Checkpointer.Completed);
        var started = Stopwatch.GetTimestamp();
        await Task.Run(() => writer.Write(Tenant, archive)).WaitAsync(TimeSpan.FromMinutes(30));
        var ended = Stopwatch.GetTimestamp();
        Progress($"backup took {Stopwatch.GetElapsedTime(started, ended).TotalSeconds:F1} s; WAL {LogBytes(host.DataDir).Wal / 1048576.0:F0} MiB after it");
        // Where a stall would come from: the longest COMMIT and the longest WAL checkpoint (on its own thread) so far,
        // before the backup and after it: a checkpoint held back by the backup's snapshot catches up after it.
        Progress($"longest COMMIT before / by the end of the backup: {Ms(commitMax):F1} / {Ms(log.Stats.MaxCommitTicks):F1} ms; " +
                 $"longest WAL checkpoint before / by the end: {Ms(checkpointMax):F1} / {Ms(log.Checkpointer.LongestTicks):F1} ms " +
                 $"({log.Checkpointer.Completed - checkpoints} checkpoints during the backup)");
        await stop.CancelAsync();
        await running.WaitAsync(TimeSpan.FromMinutes(10));

        var baselineStart = Math.Max(started - (ended - started), loadStarted + WarmUpSeconds * Stopwatch.Frequency);
        var during = Window(load, started, ended);
        var before = Window(load, baselineStart, started);
        return new BackupRun(fillInstances, fillSeconds, logBytes, Stopwatch.GetElapsedTime(started, ended).TotalSeconds,
            new FileInfo(archive).Length, during.Max, during.P99, during.Count, during.Count / Seconds(started, ended),
            before.Max, before.P99, before.Count, before.Count / Seconds(baselineStart, started), Seconds(baselineStart, started));
    }

    private static async Task<RestoreRun> RestoreAsync(BackupBenchOptions options, string archive)
    {
        await using var host = await BenchHost.StartAsync(options.DataRoot);
        var restore = host.Service<RestoreService>();
        var startedWall = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var started = Stopwatch.GetTimestamp();
        await restore.RestoreAsync(Tenant, Tenant, archive).WaitAsync(TimeSpan.FromMinutes(30));
        var restored = Stopwatch.GetTimestamp();
        Progress($"restore took {Stopwatch.GetElapsedTime(started, restored).TotalSeconds:F1} s");

        var log = Path.Combine(host.DataDir, "tenants", Tenant, "log.db");
        using var connection = Skein.Host.Storage.SqliteDatabase.Open(log);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT ended_at FROM steps WHERE instance_id = $id AND status = 'complete' ORDER BY position DESC LIMIT 1";
        command.Parameters.AddWithValue("$id", Resumer);
        while (command.ExecuteScalar() is not long endedAt || endedAt < startedWall)
        {
            if (Stopwatch.GetElapsedTime(restored) > TimeSpan.FromMinutes(2))
            {
                throw new TimeoutException("The restored step-loop instance did not commit a step within 2 minutes.");
            }

            await Task.Delay(1);
        }

        var resumeMs = Stopwatch.GetElapsedTime(restored).TotalMilliseconds;
        return new RestoreRun(Stopwatch.GetElapsedTime(started, restored).TotalSeconds, resumeMs);
    }

    private static (double Max, double P99, int Count) Window(StepLoad load, long from, long to)
    {
        var ms = load.Samples.Where(s => s.At >= from && s.At < to).Select(s => s.Ticks * 1000.0 / Stopwatch.Frequency).Order().ToArray();
        return ms.Length == 0 ? (double.NaN, double.NaN, 0) : (ms[^1], ms[Math.Min(ms.Length - 1, (int)(ms.Length * 0.99))], ms.Length);
    }

    private static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;

    private static double Seconds(long from, long to) => (to - from) / (double)Stopwatch.Frequency;

    private static (long Db, long Wal) LogBytes(string dataDir)
    {
        var db = Path.Combine(dataDir, "tenants", Tenant, "log.db");
        return (new FileInfo(db).Length, File.Exists(db + "-wal") ? new FileInfo(db + "-wal").Length : 0);
    }

    private sealed record BackupRun(int FillInstances, double FillSeconds, (long Db, long Wal) LogBytes, double Seconds, long ArchiveBytes,
        double StallMax, double StallP99, int StallCount, double StallRate,
        double BaselineMax, double BaselineP99, int BaselineCount, double BaselineRate, double BaselineSeconds);

    private sealed record RestoreRun(double Seconds, double ResumeMs);
}
