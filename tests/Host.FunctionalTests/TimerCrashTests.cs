using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// A sleep longer than one timer can hold (about 49.7 days) next to a short one, on a real host process
/// (tests/CrashHost in its timer mode): the process keeps serving when the short timer fires, and again after a
/// restart on the same data folder. Each command is answered on stdout, so the test waits on answers, never on time.
/// </summary>
public sealed class TimerCrashTests
{
    private const long FiftyDaysMs = 50L * 24 * 60 * 60 * 1000;
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_50_day_sleep_next_to_a_short_one_keeps_the_host_serving_across_a_restart()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");

        using (var first = CrashHostProcess.StartTimerHost(1, dataDir))
        {
            await first.WaitForLineAsync("READY", Deadline);
            // The short timer is armed first, so the long one is only armed when the short one fires.
            await Ask(first, "1 create short 2000", "1 CREATED short");
            await Ask(first, $"2 create long {FiftyDaysMs}", "2 CREATED long");
            await Ask(first, "3 wait short complete", "3 REACHED short complete");
            await Ask(first, "4 status long", "4 STATUS long waiting");
            Assert.False(first.HasExited, first.Output);
            await first.KillAsync(Deadline);
        }

        using var second = CrashHostProcess.StartTimerHost(2, dataDir);
        await second.WaitForLineAsync("READY", Deadline);
        await Ask(second, "5 status long", "5 STATUS long waiting");
        await Ask(second, "6 create short-2 2000", "6 CREATED short-2");
        await Ask(second, "7 wait short-2 complete", "7 REACHED short-2 complete");
        await Ask(second, "8 status long", "8 STATUS long waiting");
        Assert.False(second.HasExited, second.Output);
    }

    private static async Task Ask(CrashHostProcess host, string command, string answer)
    {
        await host.SendAsync(command);
        await host.WaitForLineAsync(answer, Deadline);
    }
}
