using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Engine.CutOff;

public sealed class AttemptJournalTests
{
    [Fact]
    public void Attempts_started_in_one_session_are_read_at_the_next_and_kept_until_recovery_completes()
    {
        using var dir = new TempDataDir();
        var path = Path.Combine(dir.Path, "attempts.journal");
        using (var journal = AttemptJournal.Open(path))
        {
            Assert.Empty(journal.Previous);
            journal.Start(Entry("a", 1), CancellationToken.None);
            journal.Start(Entry("b", 1), CancellationToken.None);
        }

        using (var second = AttemptJournal.Open(path))
        {
            Assert.Equal(["a", "b"], second.Previous.Select(e => e.InstanceId));
            second.Start(Entry("c", 1), CancellationToken.None);
        }

        // The second session's recovery never completed: the third sees both sessions' attempts.
        using var third = AttemptJournal.Open(path);
        Assert.Equal(["a", "b", "c"], third.Previous.Select(e => e.InstanceId));
        third.CompleteRecovery();
        third.Dispose();
        using var fourth = AttemptJournal.Open(path);
        Assert.Empty(fourth.Previous);
    }

    [Fact]
    public void A_rewrite_keeps_only_the_attempts_still_in_flight()
    {
        using var dir = new TempDataDir();
        var path = Path.Combine(dir.Path, "attempts.journal");
        using var abandoned = new CancellationTokenSource();
        using (var journal = AttemptJournal.Open(path))
        {
            journal.Start(Entry("long-running", 1), CancellationToken.None);
            journal.Start(Entry("abandoned", 1), abandoned.Token);
            abandoned.Cancel();
            for (var i = 0; new FileInfo(path).Length <= AttemptJournal.RewriteBytes / 2; i++)
            {
                journal.End(journal.Start(Entry($"short-{i}", 1), CancellationToken.None));
            }

            // Past the threshold the next start rewrites the file.
            while (new FileInfo(path).Length > 10_000)
            {
                journal.End(journal.Start(Entry("short", 2), CancellationToken.None));
            }

            journal.Start(Entry("last", 1), CancellationToken.None);
        }

        using var next = AttemptJournal.Open(path);
        // Ended and abandoned attempts are gone; the attempt whose start triggered the rewrite was in flight then.
        Assert.Equal(["long-running", "short", "last"], next.Previous.Select(e => e.InstanceId));
    }

    [Fact]
    public void A_torn_line_is_skipped()
    {
        using var dir = new TempDataDir();
        var path = Path.Combine(dir.Path, "attempts.journal");
        using (var journal = AttemptJournal.Open(path))
        {
            journal.Start(Entry("whole", 1), CancellationToken.None);
        }

        File.AppendAllText(path, "{\"instanceId\":\"torn\",\"gen");
        using var next = AttemptJournal.Open(path);
        Assert.Equal(["whole"], next.Previous.Select(e => e.InstanceId));
    }

    private static AttemptStart Entry(string id, int attempt) => new(id, 1, 0, "step", 1, attempt, 1_000);
}
