using System.Globalization;
using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests.Schedules;

/// <summary>
/// A schedule ticking every second in a real host process (tests/CrashHost in its schedule mode), killed with SIGKILL
/// several times while it ticks: on disk, the schedule's last tick is always the tick of its newest instance (the tick
/// and its instance commit together, so no kill leaves one without the other), and after the restarts every tick's
/// instance ran once to the end with its own tick.
/// </summary>
public sealed class ScheduleCrashTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Kills_while_a_schedule_ticks_leave_each_tick_with_one_instance_that_runs_to_the_end()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");
        var logPath = Path.Combine(dataDir, "tenants", "t1", "log.db");
        var seen = 0;
        for (var run = 1; run <= 3; run++)
        {
            using var host = CrashHostProcess.StartScheduleHost(run, dataDir);
            await host.WaitForLineAsync("READY", Deadline);
            var before = seen;
            seen = await Eventually.Until(() => Read(logPath, Path.Combine(dir.Path, $"wait-{run}-{Guid.NewGuid():n}")).Ticks.Count,
                n => n >= before + 2, $"two more ticks in run {run}", Deadline);
            await host.KillAsync(Deadline);

            var killed = Read(logPath, Path.Combine(dir.Path, $"killed-{run}"));
            Assert.Equal(killed.Ticks.Max(t => t.Tick), killed.LastTick);
        }

        using (var last = CrashHostProcess.StartScheduleHost(4, dataDir))
        {
            await last.WaitForLineAsync("READY", Deadline);
            await last.SendAsync("1 settle");
            await last.WaitForLineAsync("1 SETTLED", Deadline);
            await last.KillAsync(Deadline);
        }

        var final = Read(logPath, Path.Combine(dir.Path, "final"));
        Assert.True(final.Ticks.Count >= seen, $"{final.Ticks.Count} instances, {seen} seen before");
        Assert.Equal(final.Ticks.Max(t => t.Tick), final.LastTick);
        Assert.All(final.Ticks, t =>
        {
            Assert.Equal("sec-" + DateTimeOffset.FromUnixTimeMilliseconds(t.Tick).UtcDateTime.ToString("yyyyMMdd'T'HHmmss", CultureInfo.InvariantCulture), t.Id);
            Assert.Equal(("complete", $"\"{t.Tick}\"", 1), (t.Status, t.Output, t.Steps));
        });
    }

    private static (List<(string Id, long Tick, string Status, string? Output, int Steps)> Ticks, long? LastTick) Read(string logPath, string folder)
    {
        Directory.CreateDirectory(folder);
        var copy = Path.Combine(folder, "log.db");
        File.Copy(logPath, copy);
        if (File.Exists(logPath + "-wal"))
        {
            File.Copy(logPath + "-wal", copy + "-wal");
        }

        using var log = new LogFile(copy, readOnly: true);
        var ticks = log.Query(
            "SELECT id, schedule_tick, status, output, (SELECT COUNT(*) FROM steps s WHERE s.instance_id = i.id) FROM instances i ORDER BY id",
            r => (r.GetString(0), r.GetInt64(1), r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt32(4)));
        var lastTick = log.Query("SELECT last_tick FROM schedules WHERE id = 'sec'", r => r.IsDBNull(0) ? (long?)null : r.GetInt64(0)).Single();
        return (ticks, lastTick);
    }
}
