using Skein.Tests.Common;

namespace Skein.Host.FunctionalTests;

/// <summary>
/// Child workflows across <c>kill -9</c> of a real host process (tests/CrashHost in its child mode): killed between
/// the child's start and its end, and between the child's end (committed with the parent's step) and the parent's
/// wake. Each time exactly one child exists and the parent completes with its output. Commands are answered on
/// stdout, so the test waits on answers, never on time.
/// </summary>
public sealed class ChildCrashTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Killed_between_the_childs_start_and_its_end_the_parent_completes_with_one_child()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");

        using (var first = CrashHostProcess.StartChildHost(1, dataDir))
        {
            await first.WaitForLineAsync("READY", Deadline);
            await Ask(first, "1 create p1", "1 CREATED p1");
            await Ask(first, "2 wait p1-kid-1 waiting", "2 REACHED p1-kid-1 waiting");
            await Ask(first, "3 wait p1 waiting", "3 REACHED p1 waiting");
            await first.KillAsync(Deadline);
        }

        using var second = CrashHostProcess.StartChildHost(2, dataDir);
        await second.WaitForLineAsync("READY", Deadline);
        await Ask(second, "4 event p1-kid-1 7", "4 SENT p1-kid-1");
        await Ask(second, "5 wait p1 complete", "5 REACHED p1 complete");
        await Ask(second, "6 family p1", "6 FAMILY p1 1 complete 8");
    }

    [Fact]
    public async Task Killed_between_the_childs_end_and_the_parents_wake_the_parent_completes_after_the_restart()
    {
        using var dir = new TempDataDir();
        var dataDir = Path.Combine(dir.Path, "data");

        using (var first = CrashHostProcess.StartChildHost(1, dataDir))
        {
            await first.WaitForLineAsync("READY", Deadline);
            await Ask(first, "1 create p2", "1 CREATED p2");
            await Ask(first, "2 wait p2-kid-1 waiting", "2 REACHED p2-kid-1 waiting");
            await Ask(first, "3 wait p2 waiting", "3 REACHED p2 waiting");
            await Ask(first, "4 hold-wakes", "4 HELD");
            await Ask(first, "5 event p2-kid-1 9", "5 SENT p2-kid-1");
            await Ask(first, "6 wait p2-kid-1 complete", "6 REACHED p2-kid-1 complete");
            // The child's end moved the parent on in the same commit; nothing woke it before the kill.
            await Ask(first, "7 family p2", "7 FAMILY p2 1 running null");
            await first.KillAsync(Deadline);
        }

        using var second = CrashHostProcess.StartChildHost(2, dataDir);
        await second.WaitForLineAsync("READY", Deadline);
        await Ask(second, "8 wait p2 complete", "8 REACHED p2 complete");
        await Ask(second, "9 family p2", "9 FAMILY p2 1 complete 10");
    }

    private static async Task Ask(CrashHostProcess host, string command, string answer)
    {
        await host.SendAsync(command);
        await host.WaitForLineAsync(answer, Deadline);
    }
}
