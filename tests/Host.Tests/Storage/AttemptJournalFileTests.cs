using Skein.Host.Storage;
using Skein.Tests.Common;

namespace Skein.Host.Tests.Storage;

/// <summary>
/// What the attempt journal's file holds for the next start, and when the journal holds it open: only while
/// attempts are in flight, so an idle tenant holds no descriptor for it.
/// </summary>
public sealed class AttemptJournalFileTests : IDisposable
{
    private readonly TempDataDir _dir = new();
    private readonly string _path;

    public AttemptJournalFileTests()
    {
        _path = Path.Combine(_dir.Path, "attempts.journal");
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_start_after_the_journal_is_disposed_is_not_recorded_and_leaves_the_file_as_it_was()
    {
        var journal = AttemptJournal.Open(_path);
        journal.Start(Entry("in-flight"), CancellationToken.None);
        journal.Dispose();

        // An execution that starts an attempt while its tenant shuts down.
        journal.Start(Entry("late"), CancellationToken.None);

        Assert.Equal(["in-flight"], NextStartReads());
    }

    [Fact]
    public void The_file_is_open_while_attempts_are_in_flight_and_closed_when_the_last_ends()
    {
        using var journal = AttemptJournal.Open(_path);
        var first = journal.Start(Entry("a"), CancellationToken.None);
        var second = journal.Start(Entry("b"), CancellationToken.None);
        Assert.Equal(1, Descriptors());

        journal.End(first);
        Assert.Equal(1, Descriptors());

        journal.End(second);
        Assert.Equal(0, Descriptors());
    }

    [Fact]
    public void Disposing_the_journal_closes_its_file_with_attempts_in_flight()
    {
        var journal = AttemptJournal.Open(_path);
        journal.Start(Entry("a"), CancellationToken.None);

        journal.Dispose();

        Assert.Equal(0, Descriptors());
    }

    [Fact]
    public void A_rewrite_closes_the_file_it_replaced()
    {
        using var journal = AttemptJournal.Open(_path);
        var running = journal.Start(Entry("running"), CancellationToken.None);
        var size = 0L;
        while (new FileInfo(_path).Length >= size)
        {
            size = new FileInfo(_path).Length;
            journal.End(journal.Start(Entry("short"), CancellationToken.None));
        }

        // The file shrank: it was rewritten. Once the last attempt ends, nothing of it is open.
        journal.End(running);
        Assert.Equal(0, Descriptors());
    }

    [Fact]
    public void Attempts_abandoned_when_the_others_end_are_left_out_of_the_file_the_next_start_writes()
    {
        using var abandoned = new CancellationTokenSource();
        using (var journal = AttemptJournal.Open(_path))
        {
            journal.Start(Entry("abandoned"), abandoned.Token);
            abandoned.Cancel();
            journal.End(journal.Start(Entry("ended"), CancellationToken.None));

            journal.Start(Entry("next"), CancellationToken.None);
        }

        Assert.Equal(["next"], NextStartReads());
    }

    [Fact]
    public void An_attempt_in_flight_stays_in_the_file_when_an_abandoned_one_and_another_end()
    {
        using var abandoned = new CancellationTokenSource();
        using (var journal = AttemptJournal.Open(_path))
        {
            journal.Start(Entry("running"), CancellationToken.None);
            journal.Start(Entry("abandoned"), abandoned.Token);
            abandoned.Cancel();
            journal.End(journal.Start(Entry("ended"), CancellationToken.None));

            journal.Start(Entry("next"), CancellationToken.None);
        }

        // Ended and abandoned lines stay until a rewrite; the next start's charge finds them ended in the log.
        Assert.Equal(["running", "abandoned", "ended", "next"], NextStartReads());
    }

    [Fact]
    public void A_line_that_is_json_but_names_no_instance_is_skipped()
    {
        using (var journal = AttemptJournal.Open(_path))
        {
            journal.Start(Entry("whole"), CancellationToken.None);
        }

        File.AppendAllText(_path, "null\n{}\n{\"instanceId\":null,\"attempt\":1}\n\n");

        Assert.Equal(["whole"], NextStartReads());
    }

    private static AttemptStart Entry(string id) => new(id, 1, 0, "step", 1, 1, 1_000);

    private List<string> NextStartReads()
    {
        using var next = AttemptJournal.Open(_path);
        return [.. next.Previous.Select(e => e.InstanceId)];
    }

    private int Descriptors() => OpenDescriptors.Count(target => target.StartsWith(_path, StringComparison.Ordinal));
}
